// How the dues screens write money: "17.950 đ".
export const money = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n.toLocaleString('vi-VN')} đ`);
