import { ClientMessages } from '@/app/_components/client-messages';

export default function MeetingsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages areas={['common', 'auth', 'validation', 'meetings', 'agenda', 'room', 'minutes']}>{children}</ClientMessages>;
}
