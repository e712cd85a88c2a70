"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.C = exports.native = void 0;
// The one loader of the native addon, and the typed interface of everything it exports.
// Nothing else in src/ touches the addon.
const node_path_1 = __importDefault(require("node:path"));
const errors_js_1 = require("./errors.js");
const pack_js_1 = require("./pack.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = require('node-gyp-build');
exports.native = load(node_path_1.default.join(__dirname, '..'));
exports.C = exports.native.constants;
exports.native.setCallbacks((errno, type, text, code) => new errors_js_1.NetlinkError(errno, type, text, code), (errno, syscall, p) => (0, errors_js_1.systemError)(errno, syscall, p), pack_js_1.settle);
