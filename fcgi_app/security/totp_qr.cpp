#include "security/totp_qr.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace medassist::security {

QrSvg qrSvg(const std::string& text) {
    // Case-sensitive 8-bit data: a base32 secret and percent-encoded labels stay as they are.
    std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
        QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!qr) throw std::runtime_error("the QR code could not be made");
    const int width = qr->width;
    QrSvg out;
    out.size = width + 2 * kQrQuietZone;
    // Each horizontal run of dark modules is one rectangle: move, across, down one, back.
    for (int y = 0; y < width; ++y) {
        const unsigned char* row = qr->data + static_cast<std::size_t>(y) * width;
        for (int x = 0; x < width;) {
            if (!(row[x] & 1)) {  // bit 0: dark; the other bits say what the module is for
                ++x;
                continue;
            }
            int run = 0;
            while (x + run < width && (row[x + run] & 1)) ++run;
            // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on a chain of string +.
            if (!out.path.empty()) out.path += ' ';
            out.path += 'M';
            out.path += std::to_string(x + kQrQuietZone);
            out.path += ' ';
            out.path += std::to_string(y + kQrQuietZone);
            out.path += 'h';
            out.path += std::to_string(run);
            out.path += "v1h-";
            out.path += std::to_string(run);
            out.path += 'z';
            x += run;
        }
    }
    return out;
}

}  // namespace medassist::security
