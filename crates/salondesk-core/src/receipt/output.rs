//! Sending the bytes to a printer or a file. A file is replaced, never
//! appended to; a device is written as is, and never created. The whole
//! receipt goes in one `write_all`, then a flush.
//!
//! Where a receipt printer is, by platform (what the setting may hold):
//! - Linux: its device node, `/dev/usb/lp0` (USB) or `/dev/ttyUSB0` (serial);
//! - Windows: a serial/COM port, `COM3` (sent as `\\.\COM3`, the only
//!   spelling that reaches COM10 and above), `LPT1`, or an installed printer
//!   by its name, `printer:XP-58` (the usual USB thermal printer: its driver
//!   makes it a Windows printer, and the bytes go to the spooler as RAW, so
//!   the ESC/POS and GBK bytes reach it untouched), or a shared printer's
//!   UNC path `\\PC\share`;
//! - anywhere: a file, or a folder (see `PrinterSettings::target`).

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The prefix that names an installed (Windows) printer instead of a path.
pub const PRINTER_PREFIX: &str = "printer:";

/// What a printer setting designates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A device (or a printer share): opened for writing, never created.
    Device(PathBuf),
    /// A Windows printer by name, written through the spooler.
    NamedPrinter(String),
    /// A plain file, created or replaced.
    File(PathBuf),
}

/// Reads a printer setting. Pure (no file system), so both platforms' forms
/// are tested everywhere: `COM3` is a device on any platform's reading, which
/// is harmless on Linux, where no file is named so by a till's settings.
pub fn destination(path: &Path) -> Destination {
    let text = path.to_string_lossy();
    let text = text.trim();
    if let Some(name) = text.strip_prefix(PRINTER_PREFIX) {
        return Destination::NamedPrinter(name.trim().to_string());
    }
    if let Some(port) = dos_port(text) {
        return Destination::Device(PathBuf::from(format!("\\\\.\\{port}")));
    }
    // `\\.\COM3`, `\\?\…` (Windows' device namespaces) and `\\PC\share`.
    if text.starts_with("\\\\") || path.starts_with("/dev") {
        return Destination::Device(PathBuf::from(text));
    }
    Destination::File(PathBuf::from(text))
}

/// `COM1`…`COM256`, `LPT1`…`LPT9` (any case, an optional trailing colon):
/// the port's name in upper case.
fn dos_port(text: &str) -> Option<String> {
    let name = text.strip_suffix(':').unwrap_or(text).to_ascii_uppercase();
    let digits = name
        .strip_prefix("COM")
        .or_else(|| name.strip_prefix("LPT"))?;
    let n: u16 = digits.parse().ok()?;
    (digits.len() <= 3 && !digits.starts_with('0') && (1..=256).contains(&n)).then_some(name)
}

/// Writes `bytes` to the printer or file `path` names. Errors keep their kind
/// and name the path and the step that failed, e.g. "receipt printer
/// /dev/usb/lp0 is not connected".
pub fn write_receipt(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match destination(path) {
        Destination::NamedPrinter(name) => send_to_printer(&name, bytes),
        Destination::Device(device) => write_to(&device, bytes, true),
        Destination::File(file) => write_to(&file, bytes, false),
    }
}

fn write_to(path: &Path, bytes: &[u8], device: bool) -> io::Result<()> {
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
        // An unplugged USB printer's node disappears (a COM port that is not
        // there is "not found" too): creating a plain file in its place would
        // swallow every later receipt without a word.
        Err(_) if device => {}
        Err(_) => {
            options.create(true).truncate(true);
        }
    }
    let mut file = options.open(path).map_err(|e| {
        if device && e.kind() == io::ErrorKind::NotFound {
            let message = format!("receipt printer {shown} is not connected (no such device)");
            io::Error::new(io::ErrorKind::NotFound, message)
        } else {
            err("open", e)
        }
    })?;
    file.write_all(bytes)
        .map_err(|e| err("write the receipt to", e))?;
    file.flush().map_err(|e| err("flush", e))
}

#[cfg(windows)]
fn send_to_printer(name: &str, bytes: &[u8]) -> io::Result<()> {
    super::spooler::send_raw(name, "SalonDesk receipt", bytes)
}

#[cfg(not(windows))]
fn send_to_printer(name: &str, _bytes: &[u8]) -> io::Result<()> {
    let message = format!(
        "receipt printer {PRINTER_PREFIX}{name}: a printer by name works on Windows only; \
         give the printer's device (/dev/usb/lp0) instead"
    );
    Err(io::Error::new(io::ErrorKind::Unsupported, message))
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

    #[test]
    fn each_platform_s_printer_forms_are_told_apart() {
        let d = |s: &str| destination(Path::new(s));
        let device = |s: &str| Destination::Device(PathBuf::from(s));
        assert_eq!(
            d("/dev/usb/lp0"),
            device("/dev/usb/lp0"),
            "a Linux device node"
        );
        assert_eq!(
            d("COM3"),
            device(r"\\.\COM3"),
            "a bare COM port goes through the device namespace, the one spelling that also reaches COM10+"
        );
        assert_eq!(
            d("com12:"),
            device(r"\\.\COM12"),
            "any case, with the colon DOS allowed"
        );
        assert_eq!(d("LPT1"), device(r"\\.\LPT1"), "a parallel port");
        assert_eq!(
            d(r"\\.\COM4"),
            device(r"\\.\COM4"),
            "already in the device namespace"
        );
        assert_eq!(
            d(r"\\FRONTDESK\XP58"),
            device(r"\\FRONTDESK\XP58"),
            "a shared printer"
        );
        assert_eq!(
            d(" printer: XP-58 "),
            Destination::NamedPrinter("XP-58".into()),
            "an installed Windows printer by name, spaces around it ignored"
        );
        for file in [
            "receipts/last.escpos",
            "COM0",
            "COM257",
            "COM03",
            "COMPUTER.txt",
            "LPT",
        ] {
            assert!(
                matches!(d(file), Destination::File(_)),
                "{file} is no port name, so it is a plain file"
            );
        }
    }

    #[cfg(windows)]
    #[test]
    fn a_com_port_that_is_not_there_is_reported_and_not_created_as_a_file() {
        // Opened as \\.\COM199 without "create": a file named COM199 in the
        // working folder would be the old mistake.
        let e = write_receipt(Path::new("COM199"), b"x").expect_err("no such port");
        assert!(
            e.to_string().contains("COM199"),
            "the message names the port: {e}"
        );
        assert!(
            !Path::new("COM199").is_file(),
            "no plain file named COM199 may stand in for the port"
        );
    }

    #[cfg(windows)]
    #[test]
    fn a_printer_name_that_is_not_installed_says_so() {
        let e = write_receipt(Path::new("printer:SalonDesk no such printer"), b"\x1b@")
            .expect_err("no printer has that name");
        assert_eq!(
            e.kind(),
            io::ErrorKind::NotFound,
            "an unknown printer is 'not found': {e}"
        );
        assert!(
            e.to_string().contains("SalonDesk no such printer"),
            "the message names the printer: {e}"
        );
    }

    #[cfg(not(windows))]
    #[test]
    fn a_printer_by_name_is_refused_off_windows_with_what_to_give_instead() {
        let e = write_receipt(Path::new("printer:XP-58"), b"x").expect_err("no spooler here");
        assert_eq!(
            e.kind(),
            io::ErrorKind::Unsupported,
            "no spooler on this platform"
        );
        assert!(
            e.to_string().contains("/dev/usb/lp0"),
            "it says what works here: {e}"
        );
    }
}
