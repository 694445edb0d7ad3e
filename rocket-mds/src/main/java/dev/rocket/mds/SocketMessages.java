package dev.rocket.mds;

import dev.rocket.base.RocketException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/** One message each way on a unix socket connection: written whole, read until the peer shuts its output down. */
final class SocketMessages {

    private SocketMessages() {
    }

    static void write(SocketChannel channel, byte[] message) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(message);
        while (buffer.hasRemaining()) channel.write(buffer);
        channel.shutdownOutput();
    }

    static byte[] read(SocketChannel channel) throws IOException, RocketException {
        InputStream in = Channels.newInputStream(channel);
        byte[] message = in.readNBytes(RegistrationProtocol.MAX_MESSAGE_BYTES + 1);
        if (message.length > RegistrationProtocol.MAX_MESSAGE_BYTES) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT, "registration message larger than "
                    + RegistrationProtocol.MAX_MESSAGE_BYTES + " bytes");
        }
        return message;
    }
}
