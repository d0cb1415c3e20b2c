// Live updates for the web app: server-sent events announcing the global position
// the read models have caught up with.
export { LivePositions, coordinationPositions, type LivePositionsOptions } from './live-positions';
