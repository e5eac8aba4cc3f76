//! Windows only: a receipt sent to an installed printer by its name, through
//! the print spooler as a RAW document (the driver passes the bytes through
//! untouched, so ESC/POS commands and GBK text reach the printer as built).
//! This is how a USB thermal printer is reached on Windows: its driver makes
//! it a printer ("XP-58") on a USB port that programs cannot open as a file.

use std::io;
use std::ptr;
use windows_sys::Win32::Foundation::GetLastError;
use windows_sys::Win32::Graphics::Printing::{
    ClosePrinter, EndDocPrinter, EndPagePrinter, OpenPrinterW, StartDocPrinterW, StartPagePrinter,
    WritePrinter, DOC_INFO_1W, PRINTER_HANDLE,
};

/// Windows' "invalid printer name" (the printer is not installed).
const ERROR_INVALID_PRINTER_NAME: u32 = 1801;

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// The last Windows error, with the step and the printer named.
fn failed(step: &str, name: &str) -> io::Error {
    // SAFETY: reads the calling thread's last-error value; no preconditions.
    let code = unsafe { GetLastError() };
    let os = io::Error::from_raw_os_error(code as i32);
    let kind = if code == ERROR_INVALID_PRINTER_NAME {
        io::ErrorKind::NotFound
    } else {
        os.kind()
    };
    let message = if code == ERROR_INVALID_PRINTER_NAME {
        format!("receipt printer {name} is not installed on this PC (check its name in Windows' Printers)")
    } else {
        format!("could not {step} receipt printer {name}: {os}")
    };
    io::Error::new(kind, message)
}

/// Closes the printer however the document ends.
struct Printer(PRINTER_HANDLE);

impl Drop for Printer {
    fn drop(&mut self) {
        // SAFETY: the handle came from a successful OpenPrinterW and is closed once.
        unsafe { ClosePrinter(self.0) };
    }
}

/// Sends `bytes` to printer `name` as one RAW document called `doc_name`.
pub(super) fn send_raw(name: &str, doc_name: &str, bytes: &[u8]) -> io::Result<()> {
    let printer_name = wide(name);
    let mut handle = PRINTER_HANDLE::default();
    // SAFETY: printer_name is NUL-terminated and outlives the call; handle is a valid out pointer.
    if unsafe { OpenPrinterW(printer_name.as_ptr(), &mut handle, ptr::null()) } == 0 {
        return Err(failed("open", name));
    }
    let printer = Printer(handle);
    let mut doc = wide(doc_name);
    let mut datatype = wide("RAW");
    let info = DOC_INFO_1W {
        pDocName: doc.as_mut_ptr(),
        pOutputFile: ptr::null_mut(),
        pDatatype: datatype.as_mut_ptr(),
    };
    // SAFETY: the handle is open; info and the strings it points to outlive the call.
    if unsafe { StartDocPrinterW(printer.0, 1, &info) } == 0 {
        return Err(failed("start a document on", name));
    }
    // SAFETY: the handle is open and a document was started on it; the buffer is `bytes`.
    let written = unsafe {
        let mut written = 0u32;
        let ok = StartPagePrinter(printer.0) != 0
            && WritePrinter(
                printer.0,
                bytes.as_ptr().cast(),
                bytes.len() as u32,
                &mut written,
            ) != 0;
        let err = (!ok).then(|| failed("write to", name));
        EndPagePrinter(printer.0);
        EndDocPrinter(printer.0);
        match err {
            Some(e) => return Err(e),
            None => written,
        }
    };
    if written as usize != bytes.len() {
        let message = format!(
            "receipt printer {name} took {written} of {} bytes",
            bytes.len()
        );
        return Err(io::Error::new(io::ErrorKind::WriteZero, message));
    }
    Ok(())
}
