import { ClientMessages } from '@/app/_components/client-messages';

export default function ResolutionsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages areas={['common', 'validation', 'resolutions']}>{children}</ClientMessages>;
}
