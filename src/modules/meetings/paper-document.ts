// A meeting's papers (the minutes, the notice, the sign-in sheet) as one model in the
// party document layout (HD 36): the issuing unit top left under its parent, "ĐẢNG CỘNG
// SẢN VIỆT NAM" top right with the place and date, the title, the body, then the
// signatures. paper-docx.ts and paper-print.ts render this model and nothing else, so
// the .docx and the print view of every paper look the same.
import type { MinutesDocument } from './minutes-document.ts';

export interface PaperColumn {
  title: string;
  /** Share of the text width, in percent. */
  width: number;
  align?: 'left' | 'center';
}

export type PaperBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** A list line ("- Thời gian: …"), not indented like body text. */
  | { kind: 'item'; text: string }
  | { kind: 'table'; columns: PaperColumn[]; rows: string[][]; empty?: string };

/** One signature: its role lines ("T/M CHI ỦY", "BÍ THƯ") and the name under the space to sign. */
export interface PaperSignature {
  role: string[];
  name: string;
}

export interface PaperDocument {
  /** Without the extension: "thong-bao-2026-03-05-12". */
  fileName: string;
  parentUnit: string | null;
  unit: string;
  documentNumber: string;
  placeAndDate: string;
  title: string;
  subtitle: string | null;
  draft: boolean;
  blocks: PaperBlock[];
  /** The last lines of the text, printed on the page of the signatures. */
  closing: PaperBlock[];
  /** Left: a second signature, or "Nơi nhận" (the recipients), or nothing. */
  left: PaperSignature | { recipients: string[] } | null;
  right: PaperSignature;
}

/** The minutes in the paper model: sections as headings and paragraphs. */
export function minutesPaper(doc: MinutesDocument): PaperDocument {
  const sign = (s: { role: string; name: string } | undefined): PaperSignature => ({ role: [s?.role ?? ''], name: s?.name ?? '' });
  return {
    fileName: doc.fileName.replace(/\.docx$/, ''),
    parentUnit: doc.parentUnit,
    unit: doc.unit,
    documentNumber: doc.documentNumber,
    placeAndDate: doc.placeAndDate,
    title: doc.title,
    subtitle: doc.subtitle,
    draft: doc.draft,
    blocks: doc.sections.flatMap((s): PaperBlock[] => [
      { kind: 'heading', text: s.heading },
      ...s.paragraphs.map((text): PaperBlock => ({ kind: 'paragraph', text })),
    ]),
    closing: doc.closing.map((text) => ({ kind: 'paragraph', text })),
    left: sign(doc.signatures[0]),
    right: sign(doc.signatures[1]),
  };
}
