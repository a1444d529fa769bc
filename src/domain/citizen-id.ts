// Căn cước công dân: exactly 12 digits. No checksum is published, so only the format
// and a plausible province code (first three digits, 001–096) are checked.
export function isValidCitizenId(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const province = Number(value.slice(0, 3));
  return province >= 1 && province <= 96;
}
