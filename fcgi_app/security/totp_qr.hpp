#pragma once
// The QR code of a TOTP set-up (its otpauth:// URI) for an authenticator app to scan, drawn
// on the server with libqrencode as the pieces of an inline SVG: no JavaScript, no image
// request, no other site ever sees the secret. The page's template holds the <svg> itself;
// this gives it the size and one path of the dark modules, which contains only the letters
// M, h, v, z, digits and spaces (nothing HTML escaping could change).
#include <string>

namespace medassist::security {

struct QrSvg {
    int size = 0;      // modules across, the quiet zone included (the viewBox is size x size)
    std::string path;  // the dark modules, as an SVG path in module units
};

// Error correction level M (15%), 8-bit mode, the smallest version that holds the text.
// Throws std::runtime_error if the text cannot be encoded (longer than a QR code holds).
QrSvg qrSvg(const std::string& text);

constexpr int kQrQuietZone = 4;  // modules of light margin on every side, as the standard asks

}  // namespace medassist::security
