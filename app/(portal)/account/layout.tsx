import { ClientMessages } from '@/app/_components/client-messages';

export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages areas={['common', 'auth', 'account']}>{children}</ClientMessages>;
}
