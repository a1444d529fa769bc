// The sheet writer's pure parts: what a cell's text becomes in XML, column letters past Z,
// and a row's cells (empty values leave no cell, so Excel shows an empty one).
import { describe, expect, it } from 'vitest';
import { columnLetter, rowXml, xmlText } from '../../src/http/streamed-xlsx.ts';

describe('xmlText', () => {
  it.each([
    ['Nguyễn Văn An', 'Nguyễn Văn An'],
    ['Ấp 3 & 4 <cũ>', 'Ấp 3 &amp; 4 &lt;cũ&gt;'],
    ['Chi bộ "Ấp 8"', 'Chi bộ &quot;Ấp 8&quot;'],
    ['a\u0007b\u000bc\uffffd\ufffe', 'abcd'],
    ['dòng 1\ndòng 2\tcột\r', 'dòng 1\ndòng 2\tcột\r'],
    ['', ''],
  ])('%j → %j', (input, xml) => {
    expect(xmlText(input)).toBe(xml);
  });
});

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [19, 'T'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (index, letter) => {
    expect(columnLetter(index)).toBe(letter);
  });
});

describe('rowXml', () => {
  it('numbers its cells from A, writes text inline and numbers as values, and skips empty values', () => {
    expect(rowXml(7, [6, 'Lê Thị <Bé>', null, '', '02/09/1975'])).toBe(
      '<row r="7"><c r="A7"><v>6</v></c><c r="B7" t="inlineStr"><is><t xml:space="preserve">Lê Thị &lt;Bé&gt;</t></is></c>' +
        '<c r="E7" t="inlineStr"><is><t xml:space="preserve">02/09/1975</t></is></c></row>',
    );
  });
});
