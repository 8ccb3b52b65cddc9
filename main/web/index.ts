/** The web bridge: the renderer served over HTTP against the real core. Runtime: Node. */
export { startWebBridge, type WebBridge, type WebBridgeOptions } from './server';
