// The print view of the minutes: one self-contained HTML page in the same layout as the
// .docx, for members and secretaries who print from the browser.
import type { MinutesDocument } from './minutes-document.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export function minutesHtml(doc: MinutesDocument): string {
  const sections = doc.sections.map((s) => `<h3>${escapeHtml(s.heading)}</h3>${s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}`).join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(`${doc.title} ${doc.documentNumber}`)}</title>
<style>
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: 'Times New Roman', Times, serif; font-size: 14pt; line-height: 1.4; max-width: 165mm; margin: 0 auto; }
.head { display: flex; justify-content: space-between; text-align: center; }
.head div { width: 48%; } .unit { font-weight: bold; } .party { font-weight: bold; text-decoration: underline; } .date { font-style: italic; margin-top: 1em; }
h1 { text-align: center; font-size: 16pt; margin: 1.2em 0 0; } h2 { text-align: center; font-size: 14pt; margin: 0 0 1em; }
h3 { font-size: 14pt; margin: .8em 0 .3em; } p { text-align: justify; text-indent: 10mm; margin: .2em 0; }
.sign { display: flex; justify-content: space-between; text-align: center; margin-top: 2em; font-weight: bold; } .sign div { width: 45%; } .sign .name { margin-top: 5em; }
.draft { text-align: center; font-style: italic; }
</style></head><body>
<div class="head"><div>${doc.parentUnit ? `<div>${escapeHtml(doc.parentUnit)}</div>` : ''}<div class="unit">${escapeHtml(doc.unit)}</div><div>*</div><div>${escapeHtml(doc.documentNumber)}</div></div>
<div><div class="party">ĐẢNG CỘNG SẢN VIỆT NAM</div><div class="date">${escapeHtml(doc.placeAndDate)}</div></div></div>
<h1>${escapeHtml(doc.title)}</h1><h2>${escapeHtml(doc.subtitle)}</h2>${doc.draft ? '<div class="draft">(DỰ THẢO)</div>' : ''}
${sections}
${doc.closing.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}
<div class="sign">${doc.signatures.map((s) => `<div><div>${escapeHtml(s.role)}</div><div class="name">${escapeHtml(s.name)}</div></div>`).join('')}</div>
</body></html>`;
}
