/**
 * The proof as a document: an A4 PDF with the guidance's four parts (identity, service, issuer, the
 * proof's own number and date), the verification code and its QR. pdfkit lays it out; the CJK text is
 * drawn with Noto Sans SC in its TrueType build (glyf outlines), which pdfkit subsets and embeds as a
 * CID TrueType font that really prints — unlike subsetting the CFF-based Noto Sans CJK, which some
 * libraries turn into blank boxes while text extraction still works (test/api/certificate-pdf.test.ts
 * renders the page with poppler and looks for ink).
 *
 * pdfkit and qrcode are loaded when a document is made (kept out of the function bundle, installed
 * by CloudBase from the function's package.json, as exceljs is). Where the font comes from:
 * - locally and in tests: the npm package @expo-google-fonts/noto-sans-sc (10 MB, never bundled);
 * - on CloudBase: the same file uploaded once to cloud storage, its file id in CJK_FONT_FILE_ID
 *   (docs/deploy.md), read through the Files port and kept in memory while the instance lives;
 * - CJK_FONT_FILE, a path, overrides both.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { CertificateView } from '../api';
import { AppError } from '../errors';
import type { Files } from '../files/port';

const FONT_IN_PACKAGE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

let cachedFont: Buffer | null = null;

/** The CJK font's bytes (see the file's comment for where they come from). */
export async function loadCjkFont(files: Files | undefined): Promise<Buffer> {
  if (cachedFont) return cachedFont;
  const path = process.env.CJK_FONT_FILE;
  if (path) cachedFont = fs.readFileSync(path);
  else {
    // Resolved at run time, so no bundler tries to pack a 10 MB font into a function.
    const resolved = (() => {
      try {
        return createRequire(__filename).resolve(FONT_IN_PACKAGE);
      } catch {
        return null;
      }
    })();
    if (resolved) cachedFont = fs.readFileSync(resolved);
    else if (files && process.env.CJK_FONT_FILE_ID) cachedFont = await files.read(process.env.CJK_FONT_FILE_ID);
    else throw new AppError('INTERNAL', '证明所需的中文字体未配置（CJK_FONT_FILE_ID），请联系管理员');
  }
  return cachedFont;
}

/** CommonJS packages: under jest and tsx `import()` has the exports; in the esbuild bundle only `default`. */
async function loadPdfKit(): Promise<typeof import('pdfkit')> {
  const mod = (await import('pdfkit')) as typeof import('pdfkit') & { default?: typeof import('pdfkit') };
  return mod.default ?? mod;
}
async function loadQr(): Promise<typeof import('qrcode')> {
  const mod = (await import('qrcode')) as typeof import('qrcode') & { default?: typeof import('qrcode') };
  return mod.default?.toBuffer ? mod.default : mod;
}

const TEXT = {
  title: '志愿服务记录证明',
  number: '证明编号',
  date: '出具日期',
  identity: '一、志愿者信息',
  name: '姓名',
  volunteerNo: '志愿者编号',
  idDoc: '证件类型及号码',
  noId: '未提供',
  service: '二、志愿服务情况',
  period: '服务时间段',
  total: '累计服务时长',
  served: '服务对象',
  servedCount: (n: number) => `${n} 位老人（一对一帮扶与老伙伴结对）`,
  lines: '服务项目及时长',
  excluded: (n: number) => `另有 ${n} 条记录未计入本证明：`,
  issuer: '三、出具单位',
  organisation: '出具单位',
  inCharge: '负责人',
  handler: '经办人',
  contact: '联系电话',
  remarks: '备注',
  guardian: (name: string) => `申请人未满 18 周岁，经监护人${name}同意申请本证明`,
  noSeal: '（未加盖电子印章）',
  certify: '以上志愿服务记录真实有效，特此证明。',
  verify: '核验：扫描二维码，或在“街道志愿服务”小程序“核验证明”中输入验证码',
  verifyWxacode: '核验：用微信扫描小程序码，或在“街道志愿服务”小程序“核验证明”中输入验证码',
  code: '验证码',
  publicising: (until: string) => `公示中，至 ${until} 公示期满`,
  void: '已作废',
  voidNote: (at: string) => `本证明已于 ${at} 作废：其中的服务记录已被更正。`,
} as const;

const shanghaiDate = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso));
/** A YYYY-MM-DD calendar day in the same words (noon in Shanghai, so no time zone moves it). */
const calendarDay = (date: string) => shanghaiDate(`${date}T04:00:00.000Z`);

/**
 * The PDF of an issued proof. `verify` is what the code block shows: a URL (the verify page with the
 * code) drawn as a QR, or the PNG of a mini-program code that opens the verify page;
 * `seal` the issuer's electronic seal (PNG) drawn over its name and date, or null: the page then says
 * it carries none rather than look sealed.
 */
export async function renderCertificatePdf(c: CertificateView, font: Buffer, verify: string | Buffer, seal: Buffer | null = null): Promise<Buffer> {
  if (c.state !== 'issued' || !c.number || !c.verificationCode || !c.issuedAt) throw new AppError('WRONG_STATE', '证明出具后才有文件');
  const PDFDocument = await loadPdfKit();
  const qr = typeof verify === 'string' ? await (await loadQr()).toBuffer(verify, { type: 'png', margin: 1, width: 360, errorCorrectionLevel: 'M' }) : verify;
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${TEXT.title} ${c.number}`, Author: c.issuer.name } });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', font);
  doc.font('cjk');

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const row = (k: string, v: string) => {
    doc.fontSize(11).fillColor('#555555').text(`${k}：`, { continued: true }).fillColor('#111111').text(v);
  };
  const heading = (t: string) => {
    doc.moveDown(0.8).fontSize(13).fillColor('#111111').text(t);
    doc.moveDown(0.3);
  };

  doc.fontSize(22).fillColor('#111111').text(TEXT.title, { align: 'center' });
  doc.moveDown(0.5);
  doc
    .fontSize(10)
    .fillColor('#555555')
    .text(`${TEXT.number}：${c.number}    ${TEXT.date}：${shanghaiDate(c.issuedAt)}`, { align: 'center' });

  heading(TEXT.identity);
  row(TEXT.name, c.applicantName);
  row(TEXT.volunteerNo, c.volunteerNo);
  row(TEXT.idDoc, c.identity ? `${c.identity.typeText} ${c.identity.numberMasked}` : TEXT.noId);

  heading(TEXT.service);
  row(TEXT.period, `${calendarDay(c.from)} 至 ${calendarDay(c.to)}`);
  row(TEXT.total, c.hoursText);
  if (c.peopleServed > 0) row(TEXT.served, TEXT.servedCount(c.peopleServed));
  doc.moveDown(0.3).fontSize(11).fillColor('#555555').text(`${TEXT.lines}：`);
  for (const l of c.lines) doc.fontSize(11).fillColor('#111111').text(`· ${l.title}  ${l.hoursText}`, { indent: 12 });
  if (c.excluded.length) {
    doc.moveDown(0.3).fontSize(10).fillColor('#555555').text(TEXT.excluded(c.excluded.length));
    for (const e of c.excluded.slice(0, 10)) doc.fontSize(10).text(`· ${calendarDay(e.date)} ${e.hoursText}：${e.label}`, { indent: 12 });
  }

  heading(TEXT.issuer);
  row(TEXT.organisation, c.issuer.name);
  row(TEXT.inCharge, c.issuer.inCharge || '—');
  row(TEXT.handler, c.issuer.handler ?? '—');
  row(TEXT.contact, c.issuer.contact || '—');
  const remarks = [c.remarks, c.guardianName ? TEXT.guardian(c.guardianName) : ''].filter(Boolean).join('；');
  if (remarks) row(TEXT.remarks, remarks);

  doc.moveDown(1).fontSize(12).fillColor('#111111').text(TEXT.certify);
  doc.moveDown(0.3);
  const signTop = doc.y;
  doc.text(`${c.issuer.name}`, { align: 'right' }).text(shanghaiDate(c.issuedAt), { align: 'right' });
  if (seal) {
    // A round seal of about 4 cm, centred over the right-aligned name and date, as a stamp is placed.
    const size = 112;
    const nameWidth = Math.max(doc.widthOfString(c.issuer.name), doc.widthOfString(shanghaiDate(c.issuedAt)));
    const cx = left + width - nameWidth / 2;
    doc.image(seal, cx - size / 2, signTop - size / 2 + 14, { fit: [size, size], align: 'center', valign: 'center' });
  } else {
    doc.fontSize(10).fillColor('#555555').text(TEXT.noSeal, { align: 'right' });
  }

  // The verification block at the foot of the page: QR, code, and how to check it.
  const qrSize = 110;
  const y = doc.page.height - doc.page.margins.bottom - qrSize;
  doc.image(qr, left, y, { width: qrSize, height: qrSize });
  doc
    .fontSize(11)
    .fillColor('#111111')
    .text(`${TEXT.code}：${c.verificationCode}`, left + qrSize + 16, y + 16, { width: width - qrSize - 16 });
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(typeof verify === 'string' ? TEXT.verify : TEXT.verifyWxacode, { width: width - qrSize - 16 });
  if (c.standing === 'publicising' && c.publicityEndsAt) doc.text(TEXT.publicising(shanghaiDate(c.publicityEndsAt)), { width: width - qrSize - 16 });

  if (c.standing === 'void' && c.voidedAt) {
    // Across the page, so a printed void proof cannot pass for a valid one.
    doc.save().rotate(-30, { origin: [doc.page.width / 2, doc.page.height / 2] });
    doc
      .fontSize(96)
      .fillColor('#b3261e')
      .fillOpacity(0.25)
      .text(TEXT.void, 0, doc.page.height / 2 - 60, { width: doc.page.width, align: 'center', lineBreak: false });
    doc.restore();
    doc
      .fillOpacity(1)
      .fontSize(11)
      .fillColor('#b3261e')
      .text(TEXT.voidNote(shanghaiDate(c.voidedAt)), left, y - 28, { width });
  }
  doc.end();
  return done;
}
