import { ClientMessages } from '@/app/_components/client-messages';

export default function ProgrammesLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages areas={['common', 'auth', 'validation', 'programmes']}>{children}</ClientMessages>;
}
