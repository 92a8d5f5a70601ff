// For the browser journeys: a real SMTP server on loopback that keeps what it receives and lists
// it as JSON over HTTP, so a test can read the email the app sent.
import { createServer } from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.env.SMTP_PORT ?? 2525);
const httpPort = Number(process.env.HTTP_PORT ?? 2526);
const received: { to: string; subject: string; text: string }[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then(
      (mail) => {
        const to = Array.isArray(mail.to) ? mail.to.map((address) => address.text).join(", ") : (mail.to?.text ?? "");
        received.push({ to, subject: mail.subject ?? "", text: mail.text ?? "" });
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});
smtp.listen(smtpPort, "127.0.0.1");

createServer((_request, response) => {
  response.setHeader("content-type", "application/json");
  response.end(JSON.stringify(received));
}).listen(httpPort, "127.0.0.1");

process.on("SIGTERM", () => process.exit(0));
