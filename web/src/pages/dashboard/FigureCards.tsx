// The dashboard's headline figures as cards: two columns on a phone, six on a screen.
// A share shows its percentage large and its numerator/denominator beside ("142/342").

import { QuestionCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { MeetingFigures, Share, UnitFigures } from '../../api/figures.ts';
import { useLang, useT } from '../../i18n/i18n.ts';
import { GRADE_COLORS } from '../meetings/meeting-labels.ts';
import { keyLabel, numberText, sharePercent } from './format.ts';

const CELL_KINDS = new Set(['chi_bo', 'chi_bo_co_so', 'to_dang']);

interface CardProps {
  title: string;
  value: ReactNode;
  detail?: ReactNode;
  help?: ReactNode;
  testId: string;
  tone?: 'warn';
}

function FigureCard({ title, value, detail, help, testId, tone }: CardProps) {
  const t = useT();
  return (
    <Card size="small" style={{ height: '100%' }} styles={{ body: { padding: '10px 12px' } }} data-testid={testId}>
      <Typography.Text type="secondary" style={{ display: 'block', lineHeight: 1.3 }}>
        {title}
        {help && (
          <Tooltip title={help} trigger={['hover', 'click']}>
            <QuestionCircleOutlined
              // A thumb-sized tap area (44 px) around a small icon, without moving the text.
              style={{ padding: 14, margin: '-14px -14px -14px -8px' }}
              role="button"
              aria-label={t('dashboard.cards.explain', { figure: title })}
              tabIndex={0}
              data-testid={`${testId}-help`}
            />
          </Tooltip>
        )}
      </Typography.Text>
      <div style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3, color: tone === 'warn' ? '#ad4e00' : undefined }} data-testid={`${testId}-value`}>
        {value}
      </div>
      {detail && (
        <Typography.Text type="secondary" data-testid={`${testId}-detail`}>
          {detail}
        </Typography.Text>
      )}
    </Card>
  );
}

function ShareValue({ share }: { share: Share }) {
  const [lang] = useLang();
  return <>{sharePercent(share, lang)}</>;
}

const col = { xs: 12, sm: 8, lg: 4 } as const;

export function UnitCards({ figures }: { figures: UnitFigures }) {
  const t = useT();
  const [lang] = useLang();
  const { organisations: o } = figures;
  const cell = CELL_KINDS.has(figures.unit.kind);
  return (
    <Row gutter={[8, 8]} data-testid="dashboard-unit-cards">
      <Col {...col}>
        <FigureCard testId="card-members" title={t('dashboard.cards.members')} value={numberText(figures.members.total, lang)} />
      </Col>
      <Col {...col}>
        <FigureCard
          testId="card-probationary"
          title={t('dashboard.cards.probationary')}
          value={numberText(figures.probationary.n, lang)}
          detail={`${sharePercent(figures.probationary, lang)} · ${figures.probationary.n}/${figures.probationary.of}`}
        />
      </Col>
      <Col {...col}>
        <FigureCard
          testId="card-exempted"
          title={t('dashboard.cards.exempted')}
          value={numberText(figures.exempted.n, lang)}
          detail={`${sharePercent(figures.exempted, lang)} · ${figures.exempted.n}/${figures.exempted.of}`}
        />
      </Col>
      {!cell && (
        <Col {...col}>
          <FigureCard
            testId="card-grassroots"
            title={t('dashboard.cards.grassroots')}
            value={numberText(o.grassroots.n, lang)}
            detail={t('dashboard.cards.grassrootsSplit', { committees: o.grassroots.committees, cells: o.grassroots.cells })}
            help={<RuleHelp text={t('dashboard.cards.grassrootsHelp')} source={o.rule.source} />}
          />
        </Col>
      )}
      {!cell && (
        <Col {...col}>
          <FigureCard
            testId="card-cells"
            title={t('dashboard.cards.cells')}
            value={numberText(o.cells.n, lang)}
            detail={t('dashboard.cards.cellsSplit', { under: o.cells.underCommittees, grassroots: o.cells.grassrootsCells })}
            help={
              <RuleHelp
                text={t('dashboard.cards.cellsHelp', { under: o.cells.underCommittees, grassroots: o.cells.grassrootsCells, n: o.cells.n })}
                source={o.rule.source}
              />
            }
          />
        </Col>
      )}
    </Row>
  );
}

function RuleHelp({ text, source }: { text: string; source: string }) {
  const t = useT();
  return (
    <div>
      <div>{text}</div>
      <div style={{ marginTop: 4, opacity: 0.85 }}>{t('dashboard.cards.ruleSource', { source })}</div>
    </div>
  );
}

export function MeetingCards({ figures }: { figures: MeetingFigures }) {
  const t = useT();
  const [lang] = useLang();
  const pair = (s: Share) => `${s.n}/${s.of}`;
  return (
    <Row gutter={[8, 8]} data-testid="dashboard-meeting-cards">
      <Col {...col}>
        <FigureCard testId="card-meetings" title={t('dashboard.cards.meetingsHeld')} value={numberText(figures.meetingsHeld, lang)} />
      </Col>
      <Col {...col}>
        <FigureCard
          testId="card-compliance"
          title={t('dashboard.cards.compliance')}
          value={<ShareValue share={figures.monthlyCompliance} />}
          detail={t('dashboard.cards.cellsOf', { pair: pair(figures.monthlyCompliance) })}
          help={t('dashboard.cards.complianceHelp')}
        />
      </Col>
      <Col {...col}>
        <FigureCard
          testId="card-thematic"
          title={t('dashboard.cards.thematic')}
          value={<ShareValue share={figures.thematic} />}
          detail={t('dashboard.cards.cellsOf', { pair: pair(figures.thematic) })}
          help={t('dashboard.cards.thematicHelp')}
        />
      </Col>
      <Col {...col}>
        <FigureCard
          testId="card-attendance"
          title={t('dashboard.cards.attendance')}
          value={<ShareValue share={figures.attendanceRate} />}
          detail={t('dashboard.cards.attendanceOf', { pair: pair(figures.attendanceRate) })}
          help={t('dashboard.cards.attendanceHelp')}
        />
      </Col>
      <Col {...col}>
        <FigureCard
          testId="card-quality"
          title={t('dashboard.cards.graded')}
          value={<ShareValue share={figures.graded} />}
          detail={
            <Space size={[2, 2]} wrap style={{ marginTop: 2 }}>
              <span>{t('dashboard.cards.meetingsOf', { pair: pair(figures.graded) })}</span>
              {figures.quality
                .filter((q) => q.n > 0)
                .map((q) => (
                  <Tag key={q.grade} color={GRADE_COLORS[q.grade as keyof typeof GRADE_COLORS]} style={{ marginInlineEnd: 0 }}>
                    {keyLabel(t, 'grade', q.grade)}: {q.n}
                  </Tag>
                ))}
            </Space>
          }
        />
      </Col>
      <Col {...col}>
        <FigureCard
          testId="card-warnings"
          title={t('dashboard.cards.warnings')}
          value={
            <>
              {figures.strikingOffWarnings > 0 && <WarningOutlined />} {numberText(figures.strikingOffWarnings, lang)}
            </>
          }
          tone={figures.strikingOffWarnings > 0 ? 'warn' : undefined}
          help={t('dashboard.cards.warningsHelp')}
        />
      </Col>
    </Row>
  );
}
