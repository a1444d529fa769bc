// The print view of a meeting's paper (minutes, notice, sign-in sheet): one self-contained
// HTML page in the same layout as the .docx, for secretaries who print from the browser.
// On paper: "ĐẢNG CỘNG SẢN VIỆT NAM" stays on one line, a table row or a heading never
// splits from what follows it, and the closing lines stay on the page of the signatures
// (no page holding only a signature). On a phone screen the two header columns stack so
// the text stays readable (16 px and up) without sideways scrolling.
import type { PaperBlock, PaperDocument, PaperSignature } from './paper-document.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function blockHtml(block: PaperBlock): string {
  switch (block.kind) {
    case 'heading':
      return `<h3>${escapeHtml(block.text)}</h3>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'item':
      return `<p class="item">${escapeHtml(block.text)}</p>`;
    case 'table': {
      const head = block.columns.map((c) => `<th style="width:${c.width}%">${escapeHtml(c.title)}</th>`).join('');
      const rows = block.rows.length
        ? block.rows
            .map((r) => `<tr>${block.columns.map((c, i) => `<td class="${c.align === 'center' ? 'c' : ''}">${escapeHtml(r[i] ?? '')}</td>`).join('')}</tr>`)
            .join('')
        : `<tr><td colspan="${block.columns.length}" class="none">${escapeHtml(block.empty ?? '')}</td></tr>`;
      return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
  }
}

const signatureHtml = (s: PaperSignature) =>
  `<div class="signature">${s.role.map((r) => `<div>${escapeHtml(r)}</div>`).join('')}<div class="name">${escapeHtml(s.name)}</div></div>`;

export function paperHtml(doc: PaperDocument): string {
  const left = !doc.left
    ? '<div></div>'
    : 'recipients' in doc.left
      ? `<div class="recipients"><div class="label">Nơi nhận:</div>${doc.left.recipients.map((r) => `<div>${escapeHtml(r)}</div>`).join('')}</div>`
      : signatureHtml(doc.left);
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${doc.title} ${doc.documentNumber}`)}</title>
<style>
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: 'Times New Roman', Times, serif; font-size: 14pt; line-height: 1.4; max-width: 165mm; margin: 0 auto; padding: 0 8px; color: #000; }
.head { display: flex; justify-content: space-between; gap: 8px; text-align: center; }
.head > div { flex: 1 1 45%; } .head > div + div { flex-basis: 55%; }
.unit { font-weight: bold; } .party { font-weight: bold; text-decoration: underline; white-space: nowrap; } .date { font-style: italic; margin-top: 1em; }
h1 { text-align: center; font-size: 16pt; margin: 1.2em 0 0; } h2 { text-align: center; font-size: 14pt; margin: 0 0 1em; }
h3 { font-size: 14pt; margin: .8em 0 .3em; break-after: avoid; page-break-after: avoid; }
p { text-align: justify; text-indent: 10mm; margin: .2em 0; orphans: 2; widows: 2; } p.item { text-indent: 0; padding-left: 5mm; text-align: left; }
table { width: 100%; border-collapse: collapse; margin: .5em 0 1em; font-size: 13pt; }
th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: middle; text-align: left; } th { text-align: center; } td.c { text-align: center; }
td { height: 9mm; } td.none { text-align: center; font-style: italic; height: auto; }
thead { display: table-header-group; } tr { break-inside: avoid; page-break-inside: avoid; }
.end { break-inside: avoid; page-break-inside: avoid; }
.sign { display: flex; justify-content: space-between; gap: 8px; text-align: center; margin-top: 1.5em; }
.sign > div { width: 48%; } .signature { font-weight: bold; } .signature .name { margin-top: 5em; }
.recipients { text-align: left; font-size: 12pt; } .recipients .label { font-weight: bold; font-style: italic; }
.draft { text-align: center; font-style: italic; }
.number { white-space: pre; } /* "Số      -TB/CB": the blank the office fills in by hand keeps its width */
@media screen and (max-width: 640px) {
  body { font-size: 17px; padding: 0 12px; }
  .head { flex-direction: column; gap: 12px; } .party { font-size: 16px; }
  h1 { font-size: 21px; } h2, h3 { font-size: 18px; } table { font-size: 16px; }
}
</style></head><body>
<div class="head"><div>${doc.parentUnit ? `<div>${escapeHtml(doc.parentUnit)}</div>` : ''}<div class="unit">${escapeHtml(doc.unit)}</div><div>*</div><div class="number">${escapeHtml(doc.documentNumber)}</div></div>
<div><div class="party">ĐẢNG CỘNG SẢN VIỆT NAM</div><div class="date">${escapeHtml(doc.placeAndDate)}</div></div></div>
<h1>${escapeHtml(doc.title)}</h1>${doc.subtitle ? `<h2>${escapeHtml(doc.subtitle)}</h2>` : ''}${doc.draft ? '<div class="draft">(DỰ THẢO)</div>' : ''}
${doc.blocks.map(blockHtml).join('\n')}
<div class="end">${doc.closing.map(blockHtml).join('')}
<div class="sign">${left}${signatureHtml(doc.right)}</div></div>
</body></html>`;
}
