package chatroom.transport.tcp;

import java.security.cert.CertificateException;

/** A server this client trusted on first use now shows another certificate: never connect, never retry. */
final class CertificateChangedException extends CertificateException {
    private static final long serialVersionUID = 1L;

    CertificateChangedException(String message) {
        super(message);
    }
}
