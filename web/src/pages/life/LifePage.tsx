// A cell's life events (issue 10): transfers sent to it or from it (QĐ 4192-QĐ/BTCTW), the
// members the system finds grounds to strike off and the proposals, and the residence cells'
// yearly comments (QĐ 213-QĐ/TW, HD 33-HD/BTCTW). One unit picked at the top, one section at a time.
import { Card, Segmented, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useMeetingUnit } from '../meetings/MeetingsPage.tsx';
import { ResidenceComments } from './ResidenceComments.tsx';
import { StrikeOffPanel } from './StrikeOffPanel.tsx';
import { TransferInbox } from './TransferInbox.tsx';

const SECTIONS = ['transfers', 'strikeOff', 'residence'] as const;
type Section = (typeof SECTIONS)[number];

export default function LifePage() {
  const t = useT();
  const [unitId, setUnitId] = useMeetingUnit();
  const [params, setParams] = useSearchParams();
  const asked = params.get('section') as Section | null;
  const section: Section = asked && SECTIONS.includes(asked) ? asked : 'transfers';
  const pick = (s: Section) => {
    const next = new URLSearchParams(params);
    next.set('section', s);
    setParams(next, { replace: true });
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="life-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('life.title')}
      </Typography.Title>
      <Card size="small">
        <UnitSelect value={unitId} onChange={setUnitId} testId="life-unit" allowClear={false} />
      </Card>
      <Segmented<Section>
        block
        value={section}
        onChange={pick}
        data-testid="life-sections"
        options={SECTIONS.map((s) => ({
          value: s,
          label: <span style={{ display: 'block', whiteSpace: 'normal', fontSize: 16, lineHeight: '20px', padding: '12px 0' }}>{t(`life.sections.${s}`)}</span>,
        }))}
      />
      {unitId !== null && section === 'transfers' && <TransferInbox unitId={unitId} />}
      {unitId !== null && section === 'strikeOff' && <StrikeOffPanel unitId={unitId} />}
      {unitId !== null && section === 'residence' && <ResidenceComments unitId={unitId} />}
    </Space>
  );
}
