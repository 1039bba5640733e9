// The renderer lives with the service (it ships as `render-envoy-config`); re-exported for the scripts.
export { renderEnvoyConfig, renderTemplate, type EnvoyParams } from '../../src/envoy/render-config.js';
