import { suggestPairs } from '../cloudfunctions/core/domain/pairing';
function prng(seed: number) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const r = prng(1);
const N = 5000, M = 1000;
const loc = () => ({ latitude: 31.23 + r() * 0.03, longitude: 121.48 + r() * 0.035 });
const C = ['c1','c2','c3','c4'];
const seniors = Array.from({ length: N }, (_, i) => ({ id: `s${String(i).padStart(5,'0')}`, committeeId: C[Math.floor(r()*4)]!, location: loc(), genderPreference: r() < 0.2 ? 'female' as const : null, dialects: r() < 0.5 ? ['上海话'] : [] }));
const vols = Array.from({ length: M }, (_, i) => ({ id: `v${String(i).padStart(5,'0')}`, committeeId: C[Math.floor(r()*4)]!, location: loc(), gender: r() < 0.6 ? 'female' as const : 'male' as const, dialects: r() < 0.6 ? ['上海话'] : [], capacity: 5 }));
const t = performance.now();
const res = suggestPairs({ seniors, volunteers: vols, options: { candidates: Number(process.env.K ?? 24) } });
console.log('opt', performance.now() - t, res.totalCost);
