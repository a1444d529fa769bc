// Turning the personal record into table columns and back, in one place.
import type { Member, MembersTable } from '../../db/types.ts';
import { foldForSearch, normaliseName, personSortKey, splitName } from '../../domain/vietnamese.ts';
import type { MemberFields, MemberOut, PersonalPatch } from './schemas.ts';

/** The name columns derived from a full name: search form and Vietnamese sort key. */
export function nameColumns(name: string) {
  const fullName = normaliseName(name);
  return {
    full_name: fullName,
    given_name: splitName(fullName).given,
    search_name: foldForSearch(fullName),
    sort_key: personSortKey(fullName),
  };
}

export function memberColumns(fields: MemberFields) {
  return {
    ...nameColumns(fields.fullName),
    sex: fields.sex,
    date_of_birth: fields.dateOfBirth,
    ethnicity: fields.ethnicity,
    religion: fields.religion,
    hometown: fields.hometown ?? null,
    residence: fields.residence ?? null,
    citizen_id: fields.citizenId ?? null,
    party_card_number: fields.partyCardNumber ?? null,
    admitted_on: fields.admittedOn ?? null,
    full_member_on: fields.fullMemberOn ?? null,
    education: fields.education ?? null,
    theory_level: fields.theoryLevel ?? null,
    occupation: fields.occupation ?? null,
    position: fields.position ?? null,
    phone: fields.phone ?? null,
  };
}

/** API field → column, for the personal fields a PATCH may change. */
export const PERSONAL_COLUMNS = {
  fullName: 'full_name',
  sex: 'sex',
  dateOfBirth: 'date_of_birth',
  ethnicity: 'ethnicity',
  religion: 'religion',
  hometown: 'hometown',
  residence: 'residence',
  citizenId: 'citizen_id',
  partyCardNumber: 'party_card_number',
  admittedOn: 'admitted_on',
  fullMemberOn: 'full_member_on',
  education: 'education',
  theoryLevel: 'theory_level',
  occupation: 'occupation',
  position: 'position',
  phone: 'phone',
} as const satisfies Record<keyof PersonalPatch, keyof MembersTable>;

export function presentMember(m: Member & { unit_name: string }): MemberOut {
  return {
    id: m.id,
    fullName: m.full_name,
    sex: m.sex,
    dateOfBirth: m.date_of_birth,
    ethnicity: m.ethnicity,
    religion: m.religion,
    hometown: m.hometown,
    residence: m.residence,
    citizenId: m.citizen_id,
    partyCardNumber: m.party_card_number,
    admittedOn: m.admitted_on,
    fullMemberOn: m.full_member_on,
    education: m.education,
    theoryLevel: m.theory_level,
    occupation: m.occupation,
    position: m.position,
    phone: m.phone,
    unitId: m.unit_id,
    unitName: m.unit_name,
    status: m.status,
  };
}
