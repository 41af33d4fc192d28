/** The sharing feature's public face: what other features may use (pages import nothing else from here). */
export { ViewActions } from './components/ViewActions';
