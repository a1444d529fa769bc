// A meeting's paper (minutes, notice, sign-in sheet) as a .docx in the party document
// layout: A4, Times New Roman 14 pt, margins 20/20/30/15 mm, a borderless two-column
// header (issuing unit left, party name right). The closing lines are kept with the
// signatures, so a signature never sits alone on a page.
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { PaperBlock, PaperDocument, PaperSignature } from './paper-document.ts';

const FONT = 'Times New Roman';
const mm = (v: number) => Math.round(v * 56.7);

interface LineOptions {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  keepNext?: boolean;
}

const line = (text: string, options: LineOptions = {}) =>
  new Paragraph({
    alignment: options.align ?? AlignmentType.CENTER,
    spacing: { after: 0 },
    keepNext: options.keepNext,
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

function twoColumns(left: Paragraph[], right: Paragraph[], leftShare = 45) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: leftShare, type: WidthType.PERCENTAGE }, borders: noBorders, children: left }),
          new TableCell({ width: { size: 100 - leftShare, type: WidthType.PERCENTAGE }, borders: noBorders, children: right }),
        ],
      }),
    ],
  });
}

const body = (text: string, keepNext = false) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { before: 60, after: 60, line: 300 },
    keepNext,
    children: [new TextRun({ text, font: FONT })],
  });

const item = (text: string, keepNext = false) =>
  new Paragraph({ indent: { left: mm(5) }, spacing: { before: 40, after: 40, line: 300 }, keepNext, children: [new TextRun({ text, font: FONT })] });

const cell = (text: string, options: { bold?: boolean; width: number; align?: 'left' | 'center' }) =>
  new TableCell({
    width: { size: options.width, type: WidthType.PERCENTAGE },
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
    children: [line(text, { bold: options.bold, size: 26, align: options.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT })],
  });

function blockParts(block: PaperBlock, keepNext = false): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ spacing: { before: 120, after: 60 }, keepNext: true, children: [new TextRun({ text: block.text, bold: true, font: FONT })] })];
    case 'paragraph':
      return [body(block.text, keepNext)];
    case 'item':
      return [item(block.text, keepNext)];
    case 'table': {
      const header = new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: block.columns.map((c) => cell(c.title, { bold: true, width: c.width, align: 'center' })),
      });
      const rows = block.rows.length
        ? block.rows.map(
            (r) =>
              new TableRow({
                cantSplit: true,
                // A row tall enough to sign in.
                height: { value: mm(9), rule: 'atLeast' },
                children: block.columns.map((c, i) => cell(r[i] ?? '', { width: c.width, align: c.align })),
              }),
          )
        : [new TableRow({ children: [new TableCell({ columnSpan: block.columns.length, children: [line(block.empty ?? '', { italics: true, size: 26 })] })] })];
      return [new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }), line('')];
    }
  }
}

const signature = (s: PaperSignature) => [
  ...s.role.map((r) => line(r, { bold: true, keepNext: true })),
  line(''),
  line(''),
  line(''),
  line(s.name, { bold: true }),
];

export async function paperDocx(doc: PaperDocument): Promise<Buffer> {
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
    ...(doc.subtitle ? [line(doc.subtitle, { bold: true, size: 28 })] : []),
    ...(doc.draft ? [line('(DỰ THẢO)', { italics: true, size: 26 })] : []),
    line(''),
  ];
  for (const block of doc.blocks) children.push(...blockParts(block));
  // The closing lines keep with the signatures (Word's "keep with next").
  for (const block of doc.closing) children.push(...blockParts(block, true));
  children.push(line('', { keepNext: true }));
  const left = !doc.left
    ? [line('')]
    : 'recipients' in doc.left
      ? [
          line('Nơi nhận:', { bold: true, italics: true, size: 24, align: AlignmentType.LEFT, keepNext: true }),
          ...doc.left.recipients.map((r) => line(r, { size: 22, align: AlignmentType.LEFT, keepNext: true })),
        ]
      : signature(doc.left);
  children.push(twoColumns(left, signature(doc.right)));
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
