import { ClientMessages } from '@/app/_components/client-messages';

export default function AdminUsersLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages areas={['common', 'auth', 'adminUsers']}>{children}</ClientMessages>;
}
