import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actions, routes } from './access-matrix';

const root = path.resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** `app/(portal)/admin/users/[userId]/page.tsx` → `/admin/users/[userId]` */
function routeOf(file: string) {
  const segments = path
    .relative(path.join(root, 'app'), path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

describe('access matrix', () => {
  const source = [...files(path.join(root, 'app')), ...files(path.join(root, 'lib'))].filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'));

  it('lists every page and route handler, and nothing that does not exist', () => {
    const app = path.join(root, 'app') + path.sep;
    const found = source.filter((f) => f.startsWith(app) && /[/\\](page\.tsx|route\.ts)$/.test(f)).map(routeOf).sort();
    expect(found).toEqual(Object.keys(routes).sort());
  });

  it('lists every server action, and nothing that does not exist', () => {
    const found = source
      .filter((f) => /^\s*['"]use server['"]/.test(readFileSync(f, 'utf8')))
      .flatMap((f) => {
        const text = readFileSync(f, 'utf8');
        const names = [...text.matchAll(/export\s+(?:const|async function)\s+(\w+)/g)].map((m) => m[1]);
        return names.map((name) => `${path.relative(root, f).split(path.sep).join('/')}#${name}`);
      })
      .sort();
    expect(found).toEqual(Object.keys(actions).sort());
  });
});
