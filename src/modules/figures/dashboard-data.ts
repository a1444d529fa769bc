// What the dashboard's exports are written from: the unit's figures on a date and its
// meetings' figures over a period, in the shapes of the figures API (the engine's answers
// fit these structurally), and the day the file is extracted.
export interface Share {
  n: number;
  of: number;
}
interface Count {
  key: string;
  n: number;
}
interface FigureUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  parent: { id: number; name: string } | null;
}

export interface UnitFiguresData {
  unit: FigureUnit;
  date: string;
  members: {
    total: number;
    byStatus: Count[];
    bySex: Count[];
    byAgeBand: Count[];
    byEthnicity: Count[];
    byReligion: Count[];
    byEducation: Count[];
    byTheoryLevel: Count[];
    byPartyAge: Count[];
    byAgeBandAndSex: { key: string; nam: number; nu: number }[];
  };
  exempted: Share;
  probationary: Share;
  organisations: {
    grassroots: { n: number; committees: number; cells: number };
    cells: { n: number; underCommittees: number; grassrootsCells: number };
    rule: { code: string; source: string };
  };
  subUnits: { id: number; name: string; kind: string; members: number; cells: number; grassroots: number }[];
}

export interface MeetingFiguresData {
  unit: FigureUnit;
  from: string;
  to: string;
  meetingsHeld: number;
  monthlyCompliance: Share;
  thematic: Share;
  attendanceRate: Share;
  quality: { grade: string; n: number }[];
  graded: Share;
  strikingOffWarnings: number;
  trend: { month: string; compliance: Share; attendance: Share }[];
  subUnits: { id: number; name: string; kind: string; meetingsHeld: number; compliance: Share; attendance: Share }[];
}

export interface DashboardData {
  unit: UnitFiguresData;
  meetings: MeetingFiguresData;
  extractedOn: string;
}
