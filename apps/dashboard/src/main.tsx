import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { routePatterns } from './app/routePatterns';
import { appRoutes } from './app/router';
import './app/styles.css';

declare global {
  interface Window {
    /** The page patterns of the router, read by the browser tests that walk every page. */
    __RESONANCE_ROUTES__?: string[];
  }
}
window.__RESONANCE_ROUTES__ = routePatterns(appRoutes);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
