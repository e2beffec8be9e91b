// npm run doctor [-- --url https://your-shop.example] [--bypass <secret>]
// Checks this configuration (the environment, then .env.production.local, .env.local,
// .env.production, .env, as `next start` reads them) and, with --url, the deployed shop from
// outside. Prints each check with its fix; exits 1 when anything blocks payments.
// `vercel env pull` writes a Vercel project's variables to .env.local, so the same command checks a
// deployment's configuration.
import { parseArgs } from 'node:util';
import { loadEnvConfig } from '@next/env';
import { runDoctor, type Check, type CheckStatus } from '@/lib/deploy';

const USAGE = 'usage: npm run doctor [-- --url https://your-shop.example] [--bypass <Vercel protection bypass secret>]';
const MARK: Record<CheckStatus, string> = { ok: '✓', info: '·', warn: '!', fail: '✗' };

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function print(check: Check) {
  const [first, ...rest] = check.detail.split('\n');
  console.log(`  ${MARK[check.status]} ${check.title}: ${first}`);
  for (const line of rest) console.log(`      ${line}`);
  if (check.fix) console.log(`      Fix: ${check.fix}`);
}

async function main() {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, bypass: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.url !== undefined && !/^https?:\/\/[^/\s]+\/?$/.test(values.url))
    fail('--url must be an origin such as https://shop.example.com (no path)');
  const loaded = loadEnvConfig(process.cwd(), false, { info: () => undefined, error: console.error }).loadedEnvFiles.map((f) => f.path);

  const report = await runDoctor({
    vars: process.env,
    url: values.url,
    bypass: values.bypass ?? process.env.VERCEL_AUTOMATION_BYPASS_SECRET,
  });
  const mode = report.mode === 'live' ? 'live CryptoCloud keys' : 'the built-in sandbox (no CryptoCloud keys)';
  console.log(`\nnpm run doctor: ${mode}, shop at ${report.origin}${values.url ? ' (--url)' : ' (APP_URL)'}`);
  console.log(`  read from: the environment${loaded.length ? `, ${loaded.join(', ')}` : ''}\n`);
  for (const check of report.checks) print(check);

  const publicOrigin = report.origin.startsWith('https://');
  console.log(
    `\nIn the CryptoCloud project ("Integration & API"), set${publicOrigin ? '' : " (with the shop's public https:// address once it is deployed)"}:`,
  );
  console.log(`  Notification URL  ${report.projectUrls.notification}   (JSON or form: both work)`);
  console.log(`  Success URL       ${report.projectUrls.success}`);
  console.log(`  Fail URL          ${report.projectUrls.fail}`);

  const todo = report.checks.flatMap((c) => (c.live && c.status !== 'ok' ? [c.live] : []));
  if (report.mode === 'sandbox' && todo.length > 0) {
    console.log('\nFor real payments this setup still needs:');
    for (const item of todo) console.log(`  - ${item}`);
    console.log('  README "Taking real payments" walks through it, step by step.');
  }

  const blocking = report.checks.filter((c) => c.status === 'fail');
  const warnings = report.checks.filter((c) => c.status === 'warn');
  console.log(
    blocking.length > 0
      ? `\n${blocking.length} problem(s) block payments (✗): ${blocking.map((c) => c.title).join(', ')}.${warnings.length ? ` ${warnings.length} warning(s) (!).` : ''}`
      : `\nNothing blocks payments.${warnings.length ? ` ${warnings.length} warning(s) (!) to read.` : ''}`,
  );
  process.exit(blocking.length > 0 ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(2);
});
