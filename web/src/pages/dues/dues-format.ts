// How the dues screens write money and months: "17.950 đ", "03/2026".
export const money = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n.toLocaleString('vi-VN')} đ`);
export const showMonth = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;
