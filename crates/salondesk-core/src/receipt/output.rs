//! Sending the bytes to a printer device (/dev/usb/lp0, a serial port) or a
//! file. A file is replaced, never appended to; a device is written as is. The
//! whole receipt goes in one `write_all`, then a flush.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path`. Errors keep their kind and name the path and the
/// step that failed, e.g. "receipt printer /dev/usb/lp0 is not connected".
pub fn write_receipt(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let shown = path.display();
    let err = |step: &str, e: io::Error| {
        io::Error::new(e.kind(), format!("could not {step} {shown}: {e}"))
    };
    let mut options = OpenOptions::new();
    options.write(true);
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => {
            options.truncate(true);
        }
        // A device node: nothing to truncate, and it must not be created.
        Ok(_) => {}
        // An unplugged USB printer's node disappears: creating a plain file
        // in its place would swallow every later receipt without a word.
        Err(e) if e.kind() == io::ErrorKind::NotFound && path.starts_with("/dev") => {
            let message = format!("receipt printer {shown} is not connected (no such device)");
            return Err(io::Error::new(io::ErrorKind::NotFound, message));
        }
        Err(_) => {
            options.create(true).truncate(true);
        }
    }
    let mut file = options.open(path).map_err(|e| err("open", e))?;
    file.write_all(bytes)
        .map_err(|e| err("write the receipt to", e))?;
    file.flush().map_err(|e| err("flush", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_gets_exactly_the_bytes_and_is_replaced_not_appended() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("receipt.bin");
        let long = b"\x1b@first receipt, longer than the second\x1dVB\x00";
        write_receipt(&path, long).expect("a new file is created");
        assert_eq!(
            fs::read(&path).expect("read back"),
            long,
            "the file holds exactly the bytes written"
        );
        let short = b"\x1b@second\x1dVB\x00";
        write_receipt(&path, short).expect("an existing file is replaced");
        assert_eq!(
            fs::read(&path).expect("read back"),
            short,
            "a second receipt replaces the first: appending would reprint old receipts, and a tail of the longer one must not remain"
        );
    }

    #[test]
    fn errors_say_which_path_failed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("no such dir").join("receipt.bin");
        let e = write_receipt(&path, b"x").expect_err("the folder does not exist");
        assert_eq!(
            e.kind(),
            io::ErrorKind::NotFound,
            "the kind survives, so the desk can tell causes apart"
        );
        assert!(
            e.to_string().contains("receipt.bin"),
            "the message names the path: {e}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_missing_printer_device_is_not_created_as_a_file() {
        let path = Path::new("/dev/usb/salondesk-test-no-such-printer");
        let e = write_receipt(path, b"x").expect_err("no such device");
        assert_eq!(
            e.kind(),
            io::ErrorKind::NotFound,
            "an unplugged printer is 'not found'"
        );
        assert!(
            e.to_string().contains("not connected"),
            "the message says what to check: {e}"
        );
        assert!(!path.exists(), "no plain file may stand in for the printer");
    }
}
