// Light stand-ins for antd's Card, List and Typography on the pages a phone opens first
// (the home page): semantic HTML drawn with antd's tokens, so they look the same. antd's List
// brings Pagination and Select, its Card brings Tabs and Typography brings Tooltip and
// TextArea: some 75 KB gzipped that the secretary's home never uses (issue 8 item 21).
import { theme } from 'antd';
import { type CSSProperties, type ReactNode, useId } from 'react';

/** A card: a titled section with a border (antd Card's look; `small` as its size="small"). */
export function Panel({
  title,
  extra,
  small,
  children,
  bodyStyle,
  ...rest
}: {
  title: ReactNode;
  extra?: ReactNode;
  small?: boolean;
  children: ReactNode;
  bodyStyle?: CSSProperties;
  'data-testid'?: string;
}) {
  const { token } = theme.useToken();
  const id = useId();
  const pad = small ? token.paddingSM : token.paddingLG;
  return (
    <section
      aria-labelledby={id}
      data-testid={rest['data-testid']}
      style={{ background: token.colorBgContainer, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG }}
    >
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 8,
          flexWrap: 'wrap',
          minHeight: small ? 44 : 56,
          padding: `4px ${pad}px`,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <h2 id={id} style={{ margin: 0, fontSize: token.fontSize, fontWeight: 600, color: token.colorTextHeading }}>
          {title}
        </h2>
        {extra}
      </div>
      <div style={{ padding: pad, ...bodyStyle }}>{children}</div>
    </section>
  );
}

/** A list with a line between items (antd List's look), each item rendered by the caller as an <li>. */
export function PlainList({ children, ordered, ...rest }: { children: ReactNode; ordered?: boolean; 'data-testid'?: string }) {
  const style: CSSProperties = { listStyle: 'none', margin: 0, padding: 0 };
  return ordered ? (
    <ol style={style} data-testid={rest['data-testid']}>
      {children}
    </ol>
  ) : (
    <ul style={style} data-testid={rest['data-testid']}>
      {children}
    </ul>
  );
}

/** One item of a PlainList: padded, with the dividing line below. */
export function PlainItem({
  children,
  style,
  ...rest
}: { children: ReactNode; style?: CSSProperties } & Record<`data-${string}`, string | number | undefined>) {
  const { token } = theme.useToken();
  return (
    <li style={{ padding: `${token.paddingSM}px 0`, borderBottom: `1px solid ${token.colorSplit}`, ...style }} {...rest}>
      {children}
    </li>
  );
}

/** Secondary text (antd Typography.Text type="secondary"). */
export function Muted({ children, ...rest }: { children: ReactNode; 'data-testid'?: string }) {
  const { token } = theme.useToken();
  return (
    <span style={{ color: token.colorTextDescription }} data-testid={rest['data-testid']}>
      {children}
    </span>
  );
}

/** The page's heading (antd Typography.Title level 3's size), the first thing a screen reader reads. */
export function PageHeading({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <h1 style={{ margin: 0, fontSize: token.fontSizeHeading3, fontWeight: 600, lineHeight: token.lineHeightHeading3, color: token.colorTextHeading }}>
      {children}
    </h1>
  );
}
