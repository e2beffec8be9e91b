import 'server-only';

// The back office's authentication, behind one module: the rest of the app imports from
// '@/lib/auth' only, so the library (Auth.js today) can be swapped here.
export { getAdmin, getSignedInEmail, requireAdmin, requireAdminPage, type AccessFailure, type Admin } from './dal';
export { adminAction } from './admin-action';
export { LINK_MINUTES } from './config';
export { authRouteHandlers } from './route';
export { gitHubSignInEnabled, requestSignInLink, signInRequestSchema, signInWithGitHub, signOutHere, type SignInRequest } from './sign-in';
export { adminCount, DEV_ADMIN_EMAIL, grantAdmin, listAdmins, revokeAdmin, usesDevelopmentAdmin, type AdminView } from './roles';
export { ADMIN_HOME, CHECK_EMAIL_PATH, MY_ORDERS_PATH, safeReturnPath, SIGN_IN_PATH, signInUrl } from './urls';
export { checkBackOfficeConfig, backOfficeStartupNotes } from './startup-check';
