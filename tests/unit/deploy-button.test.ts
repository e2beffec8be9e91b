// The README's Deploy button is generated from package.json "repository" (the one place the
// repository's address lives) by scripts/deploy-button.mjs; this fails when someone changes one
// without the other, or the button stops asking for what a deployment needs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; repository: { url: string } };
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('Deploy with Vercel button', () => {
  it('matches package.json "repository" (npm run deploy-button -- --check)', () => {
    const check = spawnSync(process.execPath, ['scripts/deploy-button.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain('matches package.json "repository"');
    expect(check.status).toBe(0);
  });

  it('clones that repository, creates the Neon database and asks for the variables a deployment needs', () => {
    const link = /\[!\[Deploy with Vercel\]\(https:\/\/vercel\.com\/button\)\]\((https:\/\/vercel\.com\/new\/clone\?[^)\s]+)\)/.exec(
      readme,
    )?.[1];
    expect(link).toBeDefined();
    const params = new URL(link!).searchParams;
    expect(params.get('repository-url')).toBe(pkg.repository.url);
    expect(params.get('envLink')).toBe(`${pkg.repository.url}#deploy-to-vercel`);
    expect(readme).toContain('\n## Deploy to Vercel\n'); // the anchor envLink points at
    expect(params.get('env')?.split(',')).toEqual(
      expect.arrayContaining([
        'CRYPTOCLOUD_API_KEY',
        'CRYPTOCLOUD_SHOP_ID',
        'CRYPTOCLOUD_SECRET_KEY',
        'CRON_SECRET',
        'AUTH_SECRET',
        'ADMIN_EMAILS',
      ]),
    );
    for (const name of params.get('env')!.split(','))
      expect(params.get('envDescription')).toContain(name.replace(/^CRYPTOCLOUD_.*/, 'CRYPTOCLOUD_*'));
    expect(JSON.parse(params.get('products')!)).toEqual([
      { type: 'integration', protocol: 'storage', productSlug: 'neon', integrationSlug: 'neon' },
    ]);
  });
});
