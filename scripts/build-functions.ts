/**
 * `npm run build:functions`: turns each function folder (cloudfunctions/<name>/index.ts) into a
 * deployable one: index.js (esbuild bundle of the entry and core, wx-server-sdk and exceljs left
 * external, exports.main) and a package.json that depends on the external packages it imports, at the exact
 * versions package.json pins (the ones the tests ran with). Both files are generated and ignored by git;
 * WeChat DevTools and the CloudBase CLI upload the folder as it is.
 *
 * Beside them sits each function's own config.json (kept in git): the cloud-call permissions the
 * function needs and, for the scheduler, its timer trigger. A bundle that can send subscription
 * messages (it carries core/notifier/cloudbase.ts: every function does, since each call delivers the
 * messages it wrote) must declare `{"permissions":{"openapi":["subscribeMessage.send"]}}`, or WeChat
 * refuses every send; the build stops when one does not. Built into another folder (`outDir`), the
 * config.json is copied there with the bundle.
 *
 * The bundles are built for the runtime cloudbaserc.json gives every function (one runtime for all):
 * esbuild's target is derived from it, so changing the runtime there changes the build with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');
const rootPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/** `Nodejs18.15` -> `node18`: the esbuild target for a CloudBase Node.js runtime name. */
export function esbuildTargetFor(runtime: string): string {
  const m = /^Nodejs(\d+)\.\d+$/.exec(runtime);
  if (!m) throw new Error(`not a CloudBase Node.js runtime: ${runtime}`);
  return `node${m[1]}`;
}

/** The one runtime every function of cloudbaserc.json declares. */
export function cloudbaseRuntime(): string {
  const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as { functions: Array<{ name: string; runtime?: string }> };
  const runtimes = [...new Set(rc.functions.map((f) => f.runtime))];
  if (runtimes.length !== 1 || !runtimes[0]) throw new Error(`cloudbaserc.json: every function needs the same runtime, found ${runtimes.join(', ')}`);
  return runtimes[0];
}

export const ESBUILD_TARGET = esbuildTargetFor(cloudbaseRuntime());

/**
 * Left out of the bundles and installed by CloudBase from each function's package.json instead:
 * wx-server-sdk (the runtime's own), and exceljs, which only the xlsx export loads (lazily), so it
 * would otherwise add 1.1 MB to the `teams` bundle that every teams call has to load cold; likewise
 * pdfkit/qrcode (certificates) and jpeg-js/pngjs/exifr (photo checks, services/photo-image.ts).
 */
const EXTERNAL = ['wx-server-sdk', 'exceljs', 'pdfkit', 'qrcode', 'jpeg-js', 'pngjs', 'exifr'];

/** The external packages a bundle really imports: exactly what its package.json must depend on. */
function externalImports(metafile: Metafile): string[] {
  const found = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const i of output.imports) if (i.external && EXTERNAL.includes(i.path)) found.add(i.path);
  }
  return [...found].sort();
}

/**
 * The version CloudBase installs for an external package: package.json must pin it exactly, so the
 * cloud installs what the tests ran with rather than whatever a range resolves to on deploy day.
 */
function pinnedVersion(dep: string): string {
  const version = rootPackage.dependencies[dep];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`package.json must pin ${dep} to an exact version (found ${version ?? 'nothing'})`);
  return version;
}

export function functionNames(): string[] {
  return fs
    .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'core' && fs.existsSync(path.join(FUNCTIONS_DIR, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/** The openapi permission a function needs to send subscription messages. */
export const SEND_PERMISSION = 'subscribeMessage.send';

export interface FunctionConfig {
  permissions?: { openapi?: string[] };
  triggers?: Array<{ name: string; type: string; config: string }>;
}

/** A function's config.json, or null when it has none. */
export function functionConfig(name: string): FunctionConfig | null {
  const file = path.join(FUNCTIONS_DIR, name, 'config.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as FunctionConfig) : null;
}

/** Whether a bundle can send subscription messages (it carries the CloudBase notifier). */
function sendsMessages(metafile: Metafile): boolean {
  return Object.keys(metafile.inputs).some((input) => input.replace(/\\/g, '/').endsWith('core/notifier/cloudbase.ts'));
}

export interface BuildOptions {
  /** Where the deployable folder goes (index.js, package.json, config.json); the function's own folder by default. */
  outDir?: string;
  /** A notifications.json to bundle instead of the repository's (the production rehearsal's template ids). */
  notifications?: string;
}

export async function buildFunction(name: string, options: BuildOptions = {}): Promise<{ name: string; bytes: number }> {
  const dir = path.join(FUNCTIONS_DIR, name);
  const out = options.outDir ?? dir;
  fs.mkdirSync(out, { recursive: true });
  const outfile = path.join(out, 'index.js');
  const notifications = options.notifications;
  const result = await build({
    entryPoints: [path.join(dir, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: ESBUILD_TARGET,
    format: 'cjs',
    // ESM builds let esbuild drop what is unused (zod's other locales, JSON-schema code).
    mainFields: ['module', 'main'],
    external: EXTERNAL,
    metafile: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: `/* ${name}: generated by npm run build:functions; edit the .ts sources instead */` },
    plugins: notifications
      ? [
          {
            name: 'notifications-json',
            setup(b) {
              b.onResolve({ filter: /(^|\/)notifications\.json$/ }, () => ({ path: path.resolve(notifications) }));
            },
          },
        ]
      : [],
  });
  const config = functionConfig(name);
  if (sendsMessages(result.metafile) && !config?.permissions?.openapi?.includes(SEND_PERMISSION)) {
    throw new Error(
      `cloudfunctions/${name}/config.json must declare {"permissions":{"openapi":["${SEND_PERMISSION}"]}}: the function sends subscription messages`,
    );
  }
  if (config && out !== dir) fs.copyFileSync(path.join(dir, 'config.json'), path.join(out, 'config.json'));
  const pkg = {
    name,
    version: '1.0.0',
    private: true,
    main: 'index.js',
    dependencies: Object.fromEntries(externalImports(result.metafile).map((dep) => [dep, pinnedVersion(dep)])),
  };
  fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  return { name, bytes: fs.statSync(outfile).size };
}

async function main(): Promise<void> {
  for (const name of functionNames()) {
    const { bytes } = await buildFunction(name);
    process.stdout.write(`cloudfunctions/${name}/index.js  ${(bytes / 1024).toFixed(1)} KB\n`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
