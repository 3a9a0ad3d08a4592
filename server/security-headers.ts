/**
 * The security headers of every answer of the local host — the API, /healthz, /files downloads, the
 * H5 app, and the answers Fastify gives before any hook runs (a bad URL, a too-long path, a call
 * during shutdown). Helmet (the Express/Connect middleware that @fastify/helmet wraps) is used
 * directly on the raw Node request and response, so one function covers the routes (an onRequest
 * hook) and those framework answers alike; @fastify/helmet alone would miss the latter.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { tilesFromEnv } from '../cloudfunctions/core/services/street-map';

/**
 * The sha256 sources of the inline scripts in the H5 build's index.html. Taro puts one there (the
 * rem sizing script that sets the root font size before the app loads); a hash allows exactly that
 * script and no other inline script, which 'unsafe-inline' would not. Read once at start-up: a
 * rebuild while the server runs keeps the same script unless Taro changes it (restart then).
 */
function inlineScriptHashes(staticDir: string | undefined): string[] {
  if (!staticDir) return [];
  const index = path.join(staticDir, 'index.html');
  if (!fs.existsSync(index)) return [];
  const html = fs.readFileSync(index, 'utf8');
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attributes, body] = match;
    if (/\bsrc\s*=/i.test(attributes ?? '') || !body) continue;
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * The Content-Security-Policy the H5 build satisfies (checked by test/browser/security-headers.test.ts,
 * which loads the app and fails on any CSP violation): scripts and everything else from this origin
 * only, images also as data:/blob: URLs (the QR codes, picked photos) and from the map tiles' host when configured, styles also inline (Taro's
 * components and NutUI set style attributes), never framed, no plugins, forms only to this origin.
 * No upgrade-insecure-requests: the local host speaks plain HTTP (a phone on the LAN would lose every
 * script); TLS, and HSTS with it, belong to the proxy in front of it, if any.
 */
/**
 * The image source of the configured online map tiles (MAP_TILE_URL, docs/map.md), so Leaflet may
 * load them; a `{s}` subdomain becomes a wildcard label. None when no tiles are configured.
 */
export function tileImageSources(env: NodeJS.ProcessEnv = process.env): string[] {
  const tiles = tilesFromEnv(env);
  if (!tiles) return [];
  const host = new URL(tiles.url.replace(/\{[a-z]\}/g, '0')).host;
  const template = /^https:\/\/([^/]+)/.exec(tiles.url)?.[1] ?? host;
  return [`https://${template.includes('{s}') ? template.replace(/^[^.]*\{s\}[^.]*/, '*') : host}`];
}

function contentSecurityPolicy(scriptHashes: string[]) {
  return {
    useDefaults: false as const,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'", ...scriptHashes],
      'script-src-attr': ["'none'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:', ...tileImageSources()],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'media-src': ["'self'", 'blob:'],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  };
}

type ApplySecurityHeaders = (req: IncomingMessage, res: ServerResponse) => void;

export function securityHeaders(options: { staticDir?: string } = {}): ApplySecurityHeaders {
  const middleware = helmet({
    contentSecurityPolicy: contentSecurityPolicy(inlineScriptHashes(options.staticDir)),
    // Helmet's defaults otherwise: nosniff, X-Frame-Options (DENY here, as frame-ancestors 'none'),
    // Referrer-Policy no-referrer, Cross-Origin-Opener/Resource-Policy same-origin, no X-Powered-By.
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  return (req, res) => {
    // Helmet's middleware is synchronous: every header is set when it returns.
    middleware(req, res, (err?: unknown) => {
      if (err) throw err;
    });
  };
}
