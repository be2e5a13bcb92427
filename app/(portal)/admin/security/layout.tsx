import { ClientMessages } from '@/app/_components/client-messages';

export default function AdminSecurityLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages areas={['common', 'auth', 'adminSecurity']}>{children}</ClientMessages>;
}
