import 'server-only';

// After the money: digital delivery (files, license keys), the buyer's order emails, and storage.
// The rest of the app imports from '@/lib/fulfilment'; the order state machine calls
// './on-transition' inside its transactions.
export { deliverablesFor, queueDigitalDelivery, queueShippedEmail } from './order-emails';
export { deliverablesOf, freeKeyCount } from './deliverables';
export { downloadUrl, openDownload, resetDownloadKey, type Download, type DownloadError, type DownloadRequest } from './download-links';
export { addLicenseKeys, licenseKeysInputSchema } from './license-keys';
export { fileStorage, isFileKey, localFolderStorage, setFileStorage, type FileStorage, type StoredFile } from './storage';
export { orderDelivery, packingList, type OrderMessage, type PackingEntry } from './admin-queries';
export {
  addressLines,
  describeCountries,
  describePrice,
  listShippingOptions,
  quoteShipping,
  saveShippingOption,
  shippingFormSchema,
  shippingOptionInputSchema,
  SHIPPING_FIELDS,
  toShippingChoice,
  type ShippingChoice,
  type ShippingOption,
} from './shipping';
export { COUNTRIES, countryName } from './countries';
