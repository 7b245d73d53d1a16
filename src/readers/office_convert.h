// Legacy office files (.doc, .wps, .xls, .et) converted to their Open XML
// counterparts by LibreOffice headless (`soffice --convert-to`), then read by
// the DOCX or XLSX reader.
//
// Each conversion runs soffice as a child process in a temporary directory of
// its own (input, output and a private LibreOffice profile, passed as
// -env:UserInstallation, so that conversions never share or corrupt a user's
// profile and never wait on each other's lock), with a wall-clock timeout
// (the whole process group is killed when it runs out: a file that makes
// LibreOffice hang costs the batch `timeout_s`, not the night) and an address
// space limit (RLIMIT_AS). The directory is removed afterwards, whatever
// happened. The caller's thread waits for the child: one conversion at a time
// per worker thread; workers may convert in parallel (their profiles are
// separate).
//
// LibreOffice is optional: where no soffice is found, ReadError says which
// Debian packages to install.
#ifndef GONGKAI_READERS_OFFICE_CONVERT_H_
#define GONGKAI_READERS_OFFICE_CONVERT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gongkai::readers {

struct ConvertOptions {
  // The soffice binary; empty: $GONGKAI_SOFFICE, else `soffice` or
  // `libreoffice` on $PATH.
  std::string soffice;
  int timeout_s = 120;
  std::size_t memory_bytes = std::size_t{4} * 1024 * 1024 * 1024;  // RLIMIT_AS of the child
  std::size_t max_output_bytes = 256u * 1024 * 1024;
};

// What a missing LibreOffice asks to install (CI installs the same).
inline constexpr std::string_view kLibreOfficePackages = "libreoffice-writer-nogui libreoffice-calc-nogui";

// The soffice that ConvertOffice would run, or nullopt when none is installed.
std::optional<std::string> FindSoffice(const ConvertOptions& options = {});

// Converts `bytes` (a file of the kind `kind` names in messages, e.g. "Word
// 97-2003（.doc）") to `target` ("docx" or "xlsx") and returns the converted
// file's bytes. `input_ext` ("doc", "xls") is the extension the temporary
// input gets (LibreOffice detects the type from content, but some filters want
// a plausible name). Throws ReadError: soffice missing (naming the packages),
// timed out, crashed, or wrote nothing.
std::string ConvertOffice(std::string_view bytes, std::string_view input_ext, std::string_view target,
                          std::string_view kind, const ConvertOptions& options = {});

}  // namespace gongkai::readers

#endif  // GONGKAI_READERS_OFFICE_CONVERT_H_
