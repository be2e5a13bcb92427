import { ClientMessages } from '@/app/_components/client-messages';

export default function AdminOrganizationsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages areas={['common', 'auth', 'adminOrganizations', 'votes']}>{children}</ClientMessages>;
}
