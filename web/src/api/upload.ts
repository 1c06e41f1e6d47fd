// File upload with progress: fetch cannot report upload progress, XMLHttpRequest can.
import { ApiError, errorFrom, newIdempotencyKey } from './client.ts';
import type { Attachment } from './contract.ts';

export interface UploadOptions {
  /** Stage for an appeal yet to be created (no appealId) or add to an existing appeal. */
  appealId?: string;
  documentKind?: string;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export function uploadFile(file: File, options: UploadOptions = {}): Promise<Attachment> {
  const url = options.appealId ? `/api/v1/appeals/${options.appealId}/attachments` : '/api/v1/attachments';
  const form = new FormData();
  // The server reads fields in order and wants documentKind before it has consumed the file.
  if (options.documentKind) {
    form.append('documentKind', options.documentKind);
  }
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('idempotency-key', newIdempotencyKey());
    xhr.upload.onprogress = (progress) => {
      if (progress.lengthComputable) {
        options.onProgress?.(progress.loaded / progress.total);
      }
    };
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(JSON.parse(xhr.responseText) as Attachment);
      } else {
        reject(await errorFrom(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server cannot be reached'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'Upload cancelled'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
