// The minutes as a .docx in the party document layout: A4, Times New Roman 14 pt, margins
// 20/20/30/15 mm, a borderless two-column header (issuing unit left, party name right).
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { MinutesDocument } from './minutes-document.ts';

const FONT = 'Times New Roman';
const mm = (v: number) => Math.round(v * 56.7);

const line = (
  text: string,
  options: { bold?: boolean; italics?: boolean; underline?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) =>
  new Paragraph({
    alignment: options.align ?? AlignmentType.CENTER,
    spacing: { after: 0 },
    children: [
      new TextRun({ text, bold: options.bold, italics: options.italics, underline: options.underline ? {} : undefined, size: options.size, font: FONT }),
    ],
  });

const noBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

function twoColumns(left: Paragraph[], right: Paragraph[]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 45, type: WidthType.PERCENTAGE }, borders: noBorders, children: left }),
          new TableCell({ width: { size: 55, type: WidthType.PERCENTAGE }, borders: noBorders, children: right }),
        ],
      }),
    ],
  });
}

const body = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { before: 60, after: 60, line: 300 },
    children: [new TextRun({ text, font: FONT })],
  });

export async function minutesDocx(doc: MinutesDocument): Promise<Buffer> {
  const headerLeft = [
    ...(doc.parentUnit ? [line(doc.parentUnit, { size: 26 })] : []),
    line(doc.unit, { bold: true, size: 26 }),
    line('*', { size: 26 }),
    line(doc.documentNumber, { size: 26 }),
  ];
  const headerRight = [
    line('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true, size: 28 }),
    line(''),
    line(doc.placeAndDate, { italics: true, size: 28 }),
  ];
  const children: (Paragraph | Table)[] = [
    twoColumns(headerLeft, headerRight),
    line(''),
    line(doc.title, { bold: true, size: 32 }),
    line(doc.subtitle, { bold: true, size: 28 }),
    ...(doc.draft ? [line('(DỰ THẢO)', { italics: true, size: 26 })] : []),
    line(''),
  ];
  for (const section of doc.sections) {
    children.push(new Paragraph({ spacing: { before: 120, after: 60 }, children: [new TextRun({ text: section.heading, bold: true, font: FONT })] }));
    for (const p of section.paragraphs) children.push(body(p));
  }
  for (const p of doc.closing) children.push(body(p));
  children.push(line(''));
  children.push(
    twoColumns(
      [line(doc.signatures[0]!.role, { bold: true }), line(''), line(''), line(''), line(doc.signatures[0]!.name, { bold: true })],
      [line(doc.signatures[1]!.role, { bold: true }), line(''), line(''), line(''), line(doc.signatures[1]!.name, { bold: true })],
    ),
  );
  const document = new Document({
    creator: 'chibo',
    title: `${doc.title} ${doc.documentNumber}`,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
