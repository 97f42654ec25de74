package vn.investledger.console.release;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * However many release requests a user sends at once, at most four are answered at once
 * and the others are refused at once; another user's go on; each answered request frees
 * its place, once, its asynchronous dispatch included.
 */
class ReleaseRequestsTests {

	@Property(tries = 50)
	void shouldAnswerAtMostFourOfAUsersReleaseRequestsAtOnce(@ForAll @IntRange(min = 1, max = 30) int sent,
			@ForAll @IntRange(max = 4) int answeredMeanwhile) {
		ReleaseRequests gate = new ReleaseRequests();
		List<MockHttpServletRequest> taken = new ArrayList<>();
		int refused = 0;
		for (int i = 0; i < sent; i++) {
			MockHttpServletRequest request = request("quan-chuc");
			try {
				assertThat(gate.preHandle(request, new MockHttpServletResponse(), null)).isTrue();
				taken.add(request);
				// the dispatch of an asynchronous answer passes the interceptor again
				gate.preHandle(request, new MockHttpServletResponse(), null);
			}
			catch (Releases.ReleaseBusyException ex) {
				assertThat(ex.getMessage())
					.contains("You have " + ReleaseRequests.PER_USER + " release requests being answered");
				refused++;
			}
			if (i == 0) {
				assertThat(gate.preHandle(request("nguoi-khac"), new MockHttpServletResponse(), null)).isTrue();
			}
		}
		assertThat(taken).hasSize(Math.min(sent, ReleaseRequests.PER_USER));
		assertThat(refused).isEqualTo(sent - taken.size());
		assertThat(gate.answering("quan-chuc")).isEqualTo(taken.size());

		for (int i = 0; i < Math.min(answeredMeanwhile, taken.size()); i++) {
			gate.afterCompletion(taken.get(i), new MockHttpServletResponse(), null, null);
			gate.afterCompletion(taken.get(i), new MockHttpServletResponse(), null, null);
		}
		int free = Math.min(answeredMeanwhile, taken.size());
		assertThat(gate.answering("quan-chuc")).isEqualTo(taken.size() - free);
		if (free > 0) {
			assertThat(gate.preHandle(request("quan-chuc"), new MockHttpServletResponse(), null)).isTrue();
		}
	}

	private static MockHttpServletRequest request(String user) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/releases/2025-10");
		request.setUserPrincipal(new TestingAuthenticationToken(user, null));
		return request;
	}

}
