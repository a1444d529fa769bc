// The one date box. It holds the API's 'YYYY-MM-DD' string, shows dd/mm/yyyy, accepts
// typed dates (05/03/1980, 5/3/1980, 05031980) and a calendar pick. What was typed is never
// replaced: a date that cannot be read or does not exist (31/02/2025) stays in the box with
// its error beside it, and no other date takes its place.
//   - On its own (a filter, a picker), the box shows the error itself and tells the page
//     nothing until the date is good.
//   - In a form, use <DateItem>: the box hands the typed text to the form, whose rule
//     refuses it with the same message, so the form cannot be sent.
import { CalendarOutlined } from '@ant-design/icons';
import { Button, Calendar, Form, Input, Popover, Typography } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useId, useState } from 'react';
import { type Translate, useT } from '../i18n/i18n.ts';
import { asIso, checkTypedDate, DISPLAY, fromIso, ISO, showDate, todayIso } from '../lib/dates.ts';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  testId?: string;
  allowClear?: boolean;
  /** No dates after today (births, decisions already taken). */
  notFuture?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  /** Set by DateItem: the form's rule shows the error, so the box hands it the typed text. */
  inForm?: boolean;
  'aria-label'?: string;
}

export function DateInput({ value, onChange, testId, allowClear = true, notFuture, placeholder, style, id, inForm, 'aria-label': ariaLabel }: Props) {
  const t = useT();
  const errorId = useId();
  const [text, setText] = useState(() => (asIso(value) ? showDate(value) : (value ?? '')));
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  // A date set from outside (a default, a reset, another picker) replaces the text; the
  // text we handed out ourselves (a good date or, in a form, the typed text) stays as typed.
  // Compared while rendering (React's "state from a changed prop"), so no stale text shows.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    const typed = checkTypedDate(text).iso;
    if (asIso(value) && typed !== value) {
      setText(showDate(value));
      setProblem(null);
    } else if ((value === null || value === undefined) && typed !== null) {
      setText('');
    }
  }

  function commit(raw: string) {
    const { iso, problem: found } = checkTypedDate(raw, { notFuture });
    if (found) {
      setProblem(t(found, { date: raw.trim() }));
      if (inForm) onChange?.(raw.trim());
      return;
    }
    if (iso === null && !allowClear && !inForm) {
      // A filter that always needs a date: an emptied box goes back to the date in force.
      setText(showDate(value ?? null));
      setProblem(null);
      return;
    }
    setProblem(null);
    if (iso !== null) setText(showDate(iso));
    if (iso !== value) onChange?.(iso);
  }

  function pick(d: Dayjs) {
    setOpen(false);
    setText(d.format(DISPLAY));
    commit(d.format(DISPLAY));
  }

  const today = todayIso();
  const calendar = (
    <div style={{ width: 300, maxWidth: '85vw' }}>
      <Calendar
        fullscreen={false}
        value={fromIso(checkTypedDate(text).iso) ?? fromIso(today) ?? undefined}
        disabledDate={notFuture ? (d: Dayjs) => d.format(ISO) > today : undefined}
        onSelect={(d, info) => {
          if (info.source === 'date') pick(d);
        }}
      />
    </div>
  );
  const shownProblem = inForm ? null : problem;

  return (
    <>
      <Input
        id={id}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (problem) setProblem(null);
        }}
        onBlur={(e) => commit(e.target.value)}
        // Enter confirms the typed date; it must not also send the surrounding form.
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit((e.target as HTMLInputElement).value);
          }
        }}
        placeholder={placeholder ?? t('dates.placeholder')}
        autoComplete="off"
        status={shownProblem ? 'error' : undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={shownProblem ? errorId : undefined}
        aria-label={ariaLabel ?? (placeholder && !id ? placeholder : undefined)}
        style={{ width: '100%', ...style }}
        data-testid={testId}
        suffix={
          <Popover content={calendar} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" destroyOnHidden>
            <Button
              type="text"
              size="small"
              icon={<CalendarOutlined />}
              aria-label={t('dates.openCalendar')}
              data-testid={testId ? `${testId}-calendar` : undefined}
              style={{ minWidth: 44, minHeight: 44, marginBlock: -10, marginInlineEnd: -8 }}
            />
          </Popover>
        }
      />
      {shownProblem && (
        <Typography.Text
          type="danger"
          id={errorId}
          role="alert"
          data-testid={testId ? `${testId}-error` : undefined}
          style={{ display: 'block', marginTop: 4 }}
        >
          {shownProblem}
        </Typography.Text>
      )}
    </>
  );
}

/** The form rule behind DateItem: refuses the typed text the box handed over, with the box's message. */
export function dateRule(t: Translate, notFuture?: boolean): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === null || value === undefined || value === '') return;
      const { problem } = checkTypedDate(asIso(String(value)) ? showDate(String(value)) : String(value), { notFuture });
      if (problem) throw new Error(t(problem, { date: String(value) }));
    },
  };
}

interface ItemProps {
  name: string | number | (string | number)[];
  label?: ReactNode;
  rules?: Rule[];
  extra?: ReactNode;
  style?: React.CSSProperties;
  testId?: string;
  notFuture?: boolean;
  allowClear?: boolean;
}

/** A date field of a form: the box, its label, and the rule that keeps a bad date from being sent. */
export function DateItem({ name, label, rules = [], extra, style, testId, notFuture, allowClear }: ItemProps) {
  const t = useT();
  return (
    <Form.Item name={name} label={label} rules={[...rules, dateRule(t, notFuture)]} extra={extra} style={style}>
      <DateInput testId={testId} notFuture={notFuture} allowClear={allowClear} inForm />
    </Form.Item>
  );
}
