import { ClientMessages } from '@/app/_components/client-messages';

export default function NotificationsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages areas={['common', 'auth', 'validation', 'notifications']}>{children}</ClientMessages>;
}
