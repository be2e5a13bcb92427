import path from 'node:path';

/** The arguments of `node` that start the production web server (lib/cli/serve.ts). */
export function serverCommand(options: { port: number; hostname?: string }, root = process.cwd()): string[] {
  return [
    '--import',
    'tsx',
    '--import',
    path.join(root, 'lib', 'cli', 'server-conditions.mjs'),
    path.join(root, 'lib', 'cli', 'serve.ts'),
    '--port',
    String(options.port),
    ...(options.hostname ? ['--hostname', options.hostname] : []),
  ];
}
