// The frame of every page after login: the header and menu of AppLayout, the text style
// antd's App would give (font, size, colour), and the place where messages and dialogs are
// drawn, mounted when the first one is asked for (lib/feedback.ts). Loaded after the login
// page, which needs none of it.
import { theme } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { onFeedbackNeeded } from '../lib/feedback.ts';
import { AppLayout } from './AppLayout.tsx';

const Feedback = lazy(() => import('./Feedback.tsx'));

export default function AppFrame() {
  const { token } = theme.useToken();
  const [feedback, setFeedback] = useState(false);
  useEffect(() => onFeedbackNeeded(() => setFeedback(true)), []);
  return (
    <div style={{ fontFamily: token.fontFamily, fontSize: token.fontSize, lineHeight: token.lineHeight, color: token.colorText }}>
      <AppLayout />
      {feedback && (
        <Suspense fallback={null}>
          <Feedback />
        </Suspense>
      )}
    </div>
  );
}
