// OpenSSL 3 (Debian's libssl-dev) for AlertChannels' TLS client: syslog over TLS and HTTPS webhooks.
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
