package org.openvault.proxy.tls;

import java.security.CodeSource;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Bouncy Castle comes from the unsigned jar of the bouncycastle module, never from its signed jars: classes of a
 * signed jar are left out of the AOT cache and digested one by one as they load, a third of the proxy's start-up CPU.
 */
class UnsignedBouncyCastleTest {

    @Test
    void itsClassesHaveNoSigners() {
        for (Class<?> type : new Class<?>[] {PEMParser.class, OpenBSDBCrypt.class}) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            assertNull(source.getCodeSigners(), () -> type + " from " + source.getLocation());
        }
    }
}
