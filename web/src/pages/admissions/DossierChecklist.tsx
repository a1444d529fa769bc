// The dossier (RULES §3): each document with its status; a tap marks it received or verified
// today (the date can be corrected by marking again).
import { CheckCircleFilled, ClockCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { Button, Card, Tag } from 'antd';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { type Candidate, useCandidateWrite } from './admissions-api.ts';

type Doc = Candidate['documents'][number];

const ICON = {
  missing: <MinusCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />,
  received: <ClockCircleOutlined style={{ color: '#0950c3' }} />,
  verified: <CheckCircleFilled style={{ color: '#237804' }} />,
};

export function DossierChecklist({ c }: { c: Candidate }) {
  const t = useT();
  const save = useCandidateWrite((v: { document: Doc['document']; status: 'received' | 'verified'; receivedOn: string; verifiedOn?: string }) =>
    api<Candidate>(`/admissions/candidates/${c.id}/documents/${v.document}`, {
      method: 'PUT',
      body: { status: v.status, receivedOn: v.receivedOn, verifiedOn: v.verifiedOn },
    }),
  );
  const mark = (d: Doc, status: 'received' | 'verified') => {
    const today = todayIso();
    // A refusal is shown by the app's own message (the mutation cache).
    save.mutate({ document: d.document, status, receivedOn: d.receivedOn ?? today, verifiedOn: status === 'verified' ? today : undefined });
  };
  return (
    <Card size="small" title={t('admissions.dossier')} data-testid="dossier">
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {c.documents.map((d) => (
          <li
            key={d.document}
            style={{ display: 'flex', gap: 10, alignItems: 'center', borderTop: '1px solid #f0f0f0', padding: '8px 0', flexWrap: 'wrap' }}
            data-testid="dossier-document"
            data-document={d.document}
            data-status={d.status}
          >
            <span style={{ fontSize: 20 }} aria-hidden>
              {ICON[d.status]}
            </span>
            <div style={{ flex: '1 1 180px', minWidth: 0 }}>
              <div>
                {t(`admissions.document.${d.document}`)}
                {!d.required && <span style={{ color: 'rgba(0,0,0,0.55)' }}> ({t('admissions.optional')})</span>}
              </div>
              <Tag color={d.status === 'verified' ? 'green' : d.status === 'received' ? 'blue' : 'default'}>
                {t(`admissions.docStatus.${d.status}`)}
                {d.status !== 'missing' && ` ${showDate(d.verifiedOn ?? d.receivedOn)}`}
              </Tag>
            </div>
            {c.canEdit && d.status !== 'verified' && (
              <div style={{ display: 'flex', gap: 8, flexBasis: '100%', paddingLeft: 30 }}>
                {d.status === 'missing' && (
                  <Button style={{ minHeight: 44 }} onClick={() => mark(d, 'received')} data-testid="dossier-receive">
                    {t('admissions.receive')}
                  </Button>
                )}
                <Button type="primary" ghost style={{ minHeight: 44 }} onClick={() => mark(d, 'verified')} data-testid="dossier-verify">
                  {t('admissions.verify')}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
